'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { saveMailSettings } from '@/lib/notifications/mail';
import { mailSettingsSchema } from '@/lib/notifications/schemas';
import { ROLES } from '@/lib/users/roles';

/** `/account` `Notifications`: everyone chooses the mail they get. */
export const saveNotificationsAction = authAction({ roles: ROLES, schema: mailSettingsSchema, invalid: 'Unknown kind of mail.' }, async ({ on }, user) => {
  await saveMailSettings({ ...auditActor(user), id: user.id }, on);
  revalidatePath('/account');
  return { ok: true as const, message: on.length === 0 ? 'You get no mail from the console.' : 'Saved: you get the mail ticked above.' };
});
