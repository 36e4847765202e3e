import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  }) ?? 'null';
}

/**
 * A short token for "the document as the reviewer saw it": its updatedAt (either encoding, as
 * sent) and its whole liveness result. Any change to either means somebody else acted.
 */
export function documentVersion(doc: { updatedAt?: unknown; liveness?: unknown }): string {
  const text = canonicalJson({ updatedAt: doc.updatedAt ?? null, liveness: doc.liveness ?? null });
  return createHash('sha256').update(text).digest('base64url');
}

export function hasChangedSince(seenVersion: string, current: { updatedAt?: unknown; liveness?: unknown }): boolean {
  return documentVersion(current) !== seenVersion;
}
