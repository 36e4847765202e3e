// Next reads this file before any application code runs, so it takes ALLOWED_ORIGINS from the
// environment itself; lib/env.ts validates the same variable and stops start-up if it is bad.
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((entry) => entry.trim().toLowerCase())
  .filter((entry) => entry !== '' && entry !== 'null');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The deployable build (Dockerfile): `.next/standalone` holds the server and the node_modules it
  // traces; traced from this folder, whatever lock files lie above it.
  output: 'standalone',
  outputFileTracingRoot: import.meta.dirname,
  // Native and Node-only packages stay outside the server bundle (prom-client: one registry per
  // process; pdfkit loads its own data files at run time).
  serverExternalPackages: ['better-sqlite3', 'pdfkit', 'pg', 'pino', 'pngjs', 'prom-client', 'undici'],
  // report.pdf reads its fonts by path at run time, which tracing cannot see (lib/evidence-pack/report-pdf.ts).
  outputFileTracingIncludes: {
    '/**': ['./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', './node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'],
  },
  poweredByHeader: false,
  images: { unoptimized: true },
  experimental: {
    authInterrupts: true,
    // Forms here carry a few fields and a reason of at most 2000 characters.
    serverActions: { bodySizeLimit: '100kb', allowedOrigins },
    // The proxy (proxy.ts) makes Next hold every request body in memory, 10 MB by default; no body
    // the console takes is larger than an action's. Past this only the start is kept, and the
    // action or the callback receiver refuses it as too large.
    proxyClientMaxBodySize: '128kb',
  },
};

export default nextConfig;
