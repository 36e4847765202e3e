import 'server-only';
import QRCode from 'qrcode';
import { recordAuditEvent } from '@/lib/audit/trail';
import { enrolTotp, newTotpSecret, totpUri } from '@/lib/users/factors';
import { open, seal } from '@/lib/users/secret-box';
import { recordSecondFactor, setSessionValues, type SessionState } from './sessions';

/**
 * Setting up an authenticator app: the secret offered to a session is kept on it (sealed) until
 * it is turned on, so that reloading the page shows the same QR code the phone already read.
 */
export type Enrolment = { secret: string; qrCode: string };

type Person = Pick<SessionState, 'user' | 'session'>;

/** The secret offered to this session, made (and kept) on first use. */
export async function offerAuthenticatorApp(person: Person, { fresh = false } = {}): Promise<Enrolment> {
  const kept = !fresh && person.session.totp_enrolment ? open(person.session.totp_enrolment) : null;
  const secret = kept ?? newTotpSecret();
  if (!kept) await setSessionValues(person.session.id, { totp_enrolment: seal(secret) });
  const svg = await QRCode.toString(totpUri(secret, person.user.email), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

export type EnableResult = { ok: true; recoveryCodes: string[] | null } | { ok: false; kind: 'wrong-code' | 'expired'; message: string };

/** Turns on the offered secret when `code` is valid for it; the session counts as having given a factor. */
export async function enableAuthenticatorApp(person: Person, code: string): Promise<EnableResult> {
  const secret = person.session.totp_enrolment ? open(person.session.totp_enrolment) : null;
  if (!secret) return { ok: false, kind: 'expired', message: 'Start again: reload the page for a new QR code.' };
  const enrolled = await enrolTotp(person.user.id, secret, code);
  if (!enrolled)
    return { ok: false, kind: 'wrong-code', message: 'Invalid authentication code: check the time on your phone, and enter the six digits the app shows now.' };
  await setSessionValues(person.session.id, { totp_enrolment: null });
  await recordSecondFactor(person.session.id);
  await recordAuditEvent({
    action: 'auth.mfa_enrolled',
    actor: { id: person.user.id, email: person.user.email, role: person.user.role },
    detail: { factor: 'totp', recoveryCodesIssued: enrolled.recoveryCodes !== null },
  });
  return { ok: true, recoveryCodes: enrolled.recoveryCodes };
}
