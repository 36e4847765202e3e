import 'server-only';
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { keyIdOf } from './signature';

export type EvidenceSigner = { sign: (data: Uint8Array) => Buffer; publicKeyPem: string; keyId: string };

let cached: { pem: string; signer: EvidenceSigner } | undefined;

/** The console's evidence key (EVIDENCE_SIGNING_KEY, or the demo's own under DATA_DIR). */
export function evidenceSigner(pem: string = getEnv().evidenceSigningKey): EvidenceSigner {
  if (cached?.pem === pem) return cached.signer;
  const privateKey: KeyObject = createPrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  const signer = { sign: (data: Uint8Array) => sign(null, data, privateKey), publicKeyPem, keyId: keyIdOf(publicKeyPem) };
  cached = { pem, signer };
  return signer;
}
