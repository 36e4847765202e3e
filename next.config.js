/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino', 'pngjs'],
  poweredByHeader: false,
  images: { unoptimized: true },
  experimental: { authInterrupts: true },
};

export default nextConfig;
