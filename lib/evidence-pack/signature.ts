// Ed25519 as evidence packs and audit checkpoints use it (SPEC §16). Pure: the offline verifier
// uses it with nothing but the pack. Node's crypto signs; nothing here is hand-rolled.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical-json';

/** A key's fingerprint: sha256 of its public key (SPKI DER), hex, as `openssl pkey -pubin -outform DER | sha256sum` gives. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex');
}

export function verifyEd25519(data: Uint8Array, signature: Uint8Array, publicKeyPem: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** What a checkpoint signs: the chain's head at a moment. */
export type CheckpointHead = { seq: number; hash: string; at: string };

/** The exact bytes a checkpoint's signature covers. */
export function checkpointMessage(head: CheckpointHead): Buffer {
  return Buffer.from(canonicalJson({ type: 'lrc.audit-checkpoint/1', seq: head.seq, hash: head.hash, at: head.at }), 'utf8');
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
