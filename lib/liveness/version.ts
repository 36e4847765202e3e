import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical-json';

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
