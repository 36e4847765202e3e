/** Headers of every file the console hands out: never cached, never sniffed into something runnable. */
export const DOWNLOAD_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/** `name-20261207T101500Z.ext`: a UTC stamp (ISO 8601 basic format) valid in any file system. */
export function stampedFileName(name: string, extension: string, at: Date = new Date()): string {
  const stamp = at
    .toISOString()
    .replaceAll(':', '')
    .replaceAll('-', '')
    .replace(/\.\d+Z$/, 'Z');
  return `${name}-${stamp}.${extension}`;
}
