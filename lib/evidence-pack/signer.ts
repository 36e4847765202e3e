import 'server-only';
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { PACK_FILES, type Statement } from './format';
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

/** The statement's file and its signature over exactly those bytes, as a pack carries them. */
export function signStatement(signer: EvidenceSigner, statement: Statement): Record<string, Uint8Array> {
  const bytes = Buffer.from(`${JSON.stringify(statement, null, 2)}\n`, 'utf8');
  return { [PACK_FILES.statement]: bytes, [PACK_FILES.signature]: signer.sign(bytes) };
}
