import { z } from 'zod';
import type { ActionResult, Failure } from '@/lib/result';
import { newPasswordSchema } from './password-schemas';
import { ROLES } from './roles';

/**
 * Inputs of the /admin/users forms, shared by the forms and the server actions. Plain data:
 * safe to import from client components (lib/users/store.ts is server-only).
 */
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1, 'Enter an email address')
      .max(254, 'At most 254 characters')
      .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address'),
  );
const role = z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}` });
const userId = z.string().trim().min(1).max(100);

export const addUserSchema = z.object({
  email,
  name: z
    .string()
    .trim()
    .max(200, 'At most 200 characters')
    .optional()
    .transform((v) => v || null),
  role,
  password: newPasswordSchema,
});
export const userIdSchema = z.object({ userId });
export const changeRoleSchema = z.object({ userId, role });

/** What a user-admin action answers; the screen shows the message either way, and a `secret` (a one-time password) once. */
export type UserActionResult = ActionResult<{ message: string; secret?: string }, Failure<'refused' | 'not-found' | 'failed'>>;
