import { z } from 'zod';

// Inputs of the second-factor forms (sign-in, set-up, step-up, the account page), shared by the
// forms and their actions. Plain data: client components import it.

/** Six digits from the authenticator app, or a recovery code (`abcde-fghij`). */
export const authenticationCodeSchema = z.object({
  code: z.string().trim().min(1, 'Enter the code from your authenticator app, or a recovery code').max(40, 'That is not a code'),
});

export const stepUpSchema = z.union([authenticationCodeSchema, z.object({ password: z.string().min(1, 'Enter your password').max(200) })]);

export const passkeyNameSchema = z.object({
  name: z.string().trim().min(1, 'Name the passkey, so that you can tell it apart').max(60, 'At most 60 characters'),
});

export const factorIdSchema = z.object({ factorId: z.string().trim().min(1).max(100) });

/** A browser's WebAuthn answer as @simplewebauthn/browser returns it; the library checks the rest. */
const credentialBase = {
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().optional(),
};
export const passkeyAnswerSchema = z.looseObject({
  ...credentialBase,
  response: z.looseObject({ clientDataJSON: z.string(), authenticatorData: z.string(), signature: z.string() }),
});
export const passkeyRegistrationSchema = z.looseObject({
  ...credentialBase,
  response: z.looseObject({ clientDataJSON: z.string(), attestationObject: z.string() }),
});

export const returnToSchema = z.object({ callbackUrl: z.string().max(2000).optional() });
