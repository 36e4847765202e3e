import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { headers } from 'next/headers';
import { getDb, writeTransaction } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ISSUER, recoveryCodesIfNone, type Factor } from '@/lib/users/factors';
import { servedOverHttps } from './session-cookie';
import { setSessionValues, takeChallenge } from './sessions';

/**
 * Passkeys and security keys (WebAuthn, through @simplewebauthn/server). The relying party is
 * the console's own host as the browser reached it; a challenge is kept on the session for
 * CHALLENGE_MS and taken once.
 */
export type RelyingParty = { id: string; origin: string };

const CHALLENGE_MS = 5 * 60_000;

async function relyingParty(): Promise<RelyingParty> {
  const requestHeaders = await headers();
  const forwarded = getEnv().trustedProxyHops > 0 ? requestHeaders.get('x-forwarded-host') : null;
  const host = (forwarded ?? requestHeaders.get('host') ?? 'localhost').split(',')[0]!.trim().toLowerCase();
  const id = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return { id, origin: `${servedOverHttps(undefined, requestHeaders) ? 'https' : 'http'}://${host}` };
}

const transportsOf = (json: string | null): AuthenticatorTransport[] => {
  try {
    const value = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(value) ? (value.filter((t) => typeof t === 'string') as AuthenticatorTransport[]) : [];
  } catch {
    return [];
  }
};

async function passkeysOf(userId: string) {
  const db = await getDb();
  return db
    .selectFrom('mfa_factors')
    .select(['id', 'credential_id', 'public_key', 'counter', 'transports'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'webauthn')
    .execute();
}

async function keepChallenge(sessionId: string, challenge: string): Promise<void> {
  await setSessionValues(sessionId, { webauthn_challenge: challenge, webauthn_challenge_expires_at: new Date(Date.now() + CHALLENGE_MS).toISOString() });
}

/** Whether the account has a passkey to offer at sign-in. */
export async function hasPasskey(userId: string): Promise<boolean> {
  return (await passkeysOf(userId)).length > 0;
}

export async function passkeyRegistrationOptions(
  user: { id: string; email: string; name: string | null },
  sessionId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = await relyingParty();
  const options = await generateRegistrationOptions({
    rpName: ISSUER,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: (await passkeysOf(user.id)).map((p) => ({ id: p.credential_id!, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await keepChallenge(sessionId, options.challenge);
  return options;
}

/** Registers the passkey the browser made for the session's challenge; null when it does not verify. */
export async function registerPasskey(
  userId: string,
  sessionId: string,
  name: string,
  response: RegistrationResponseJSON,
): Promise<{ factor: Factor; recoveryCodes: string[] | null } | null> {
  const challenge = await takeChallenge(sessionId);
  if (!challenge) return null;
  const rp = await relyingParty();
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    return null;
  }
  if (!verified.verified) return null;
  const { credential } = verified.registrationInfo;
  return writeTransaction(await getDb(), async (trx) => {
    const now = new Date().toISOString();
    const factor: Factor = { id: randomUUID(), kind: 'webauthn', name, createdAt: now, lastUsedAt: null };
    await trx
      .insertInto('mfa_factors')
      .values({
        id: factor.id,
        user_id: userId,
        kind: 'webauthn',
        name,
        secret: null,
        last_step: null,
        credential_id: credential.id,
        public_key: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        created_at: now,
        last_used_at: null,
      })
      .execute();
    return { factor, recoveryCodes: await recoveryCodesIfNone(userId, trx) };
  });
}

export async function passkeySignInOptions(userId: string, sessionId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await passkeysOf(userId);
  if (passkeys.length === 0) return null;
  const rp = await relyingParty();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id!, transports: transportsOf(p.transports) })),
    userVerification: 'preferred',
  });
  await keepChallenge(sessionId, options.challenge);
  return options;
}

/** Whether the browser's answer proves one of the account's passkeys for the session's challenge. */
export async function verifyPasskey(userId: string, sessionId: string, response: AuthenticationResponseJSON): Promise<boolean> {
  const challenge = await takeChallenge(sessionId);
  if (!challenge || typeof response?.id !== 'string') return false;
  const passkey = (await passkeysOf(userId)).find((p) => p.credential_id === response.id);
  if (!passkey?.public_key) return false;
  const rp = await relyingParty();
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credential_id!,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: Number(passkey.counter ?? 0),
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: false,
    });
  } catch {
    return false;
  }
  if (!result.verified) return false;
  await writeTransaction(await getDb(), (trx) =>
    trx
      .updateTable('mfa_factors')
      .set({ counter: result.authenticationInfo.newCounter, last_used_at: new Date().toISOString() })
      .where('id', '=', passkey.id)
      .execute(),
  );
  return true;
}
