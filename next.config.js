// Next reads this file before any application code runs, so it takes ALLOWED_ORIGINS from the
// environment itself; lib/env.ts validates the same variable and stops start-up if it is bad.
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((entry) => entry.trim().toLowerCase())
  .filter((entry) => entry !== '' && entry !== 'null');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino', 'pngjs', 'undici'],
  poweredByHeader: false,
  images: { unoptimized: true },
  experimental: {
    authInterrupts: true,
    // Forms here carry a few fields and a reason of at most 2000 characters.
    serverActions: { bodySizeLimit: '100kb', allowedOrigins },
  },
};

export default nextConfig;
