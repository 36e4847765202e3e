import { z } from 'zod';

/**
 * The password forms' inputs, shared by the forms and their actions. Plain data: safe to import
 * from client components. Whether a password is too easy to guess is checked on the server
 * (lib/users/passwords.ts): its list of leaked passwords stays out of the browser.
 */
export const newPasswordSchema = z.string().min(12, 'At least 12 characters').max(200, 'At most 200 characters');

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(200, 'At most 200 characters'),
  newPassword: newPasswordSchema,
});

export const choosePasswordSchema = z.object({ newPassword: newPasswordSchema, callbackUrl: z.string().max(2000).optional() });
