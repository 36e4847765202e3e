'use server';

import { revalidatePath } from 'next/cache';
import { authAction } from '@/lib/auth/action';
import { auditActor } from '@/lib/auth/session';
import { getDb, writeTransaction } from '@/lib/db';
import { resendDelivery } from '@/lib/notifications/delivery';
import { addEndpoint, EndpointRefused, sendTestEvent, setEndpointEnabled } from '@/lib/notifications/endpoints';
import { deliveryIdSchema, endpointIdSchema, endpointSchema } from '@/lib/notifications/schemas';
import { recordAuditEvent } from '@/lib/audit/trail';
import type { Failure } from '@/lib/result';
import { WEBHOOK_ADMIN_ROLES } from '@/lib/users/roles';

// /admin/webhooks (SPEC §15). Adding or re-enabling an endpoint sends the console's events
// somewhere new: the admin confirms who they are first (step-up).

export type WebhookActionResult = { ok: true; message: string; secret?: string } | Failure<'refused' | 'not-found'>;

const denial = (operation: string) => ({ action: 'webhook.denied' as const, detail: { operation } });

function refusedUrl(error: unknown) {
  if (!(error instanceof EndpointRefused)) return undefined;
  return { ok: false as const, kind: 'invalid' as const, message: 'The endpoint needs attention.', fieldErrors: { [error.field]: [error.message] } };
}

export const addEndpointAction = authAction(
  { roles: WEBHOOK_ADMIN_ROLES, schema: endpointSchema, invalid: 'The endpoint needs attention.', denial: denial('add'), expected: refusedUrl, stepUp: true },
  async (input, user): Promise<WebhookActionResult> => {
    const { endpoint, secret } = await addEndpoint(auditActor(user), input);
    revalidatePath('/admin/webhooks');
    return { ok: true, message: `Added ${endpoint.url}. Copy its signing secret now: it is not shown again.`, secret };
  },
);

const toggle = (enabled: boolean) =>
  authAction(
    { roles: WEBHOOK_ADMIN_ROLES, schema: endpointIdSchema, invalid: 'Unknown endpoint.', denial: denial(enabled ? 'enable' : 'disable'), stepUp: enabled },
    async ({ endpointId }, user): Promise<WebhookActionResult> => {
      const endpoint = await setEndpointEnabled(auditActor(user), endpointId, enabled);
      if (!endpoint) return { ok: false, kind: 'not-found', message: 'That endpoint no longer exists.' };
      revalidatePath('/admin/webhooks');
      return { ok: true, message: enabled ? `${endpoint.url} is enabled again.` : `${endpoint.url} is disabled: nothing more is sent to it.` };
    },
  );

export const disableEndpointAction = toggle(false);
export const enableEndpointAction = toggle(true);

export const sendTestEventAction = authAction(
  { roles: WEBHOOK_ADMIN_ROLES, schema: endpointIdSchema, invalid: 'Unknown endpoint.', denial: denial('test') },
  async ({ endpointId }, user): Promise<WebhookActionResult> => {
    if (!(await sendTestEvent(auditActor(user), endpointId)))
      return { ok: false, kind: 'refused', message: 'Only an enabled endpoint can be sent a test event.' };
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return { ok: true, message: 'A test event is on its way: its delivery is listed below.' };
  },
);

export const resendDeliveryAction = authAction(
  { roles: WEBHOOK_ADMIN_ROLES, schema: deliveryIdSchema, invalid: 'Unknown delivery.', denial: denial('resend') },
  async ({ deliveryId }, user): Promise<WebhookActionResult> => {
    const copy = await writeTransaction(await getDb(), async (trx) => {
      const owed = await resendDelivery(trx, deliveryId);
      if (owed)
        await recordAuditEvent(
          { action: 'webhook.delivery_resent', actor: auditActor(user), detail: { endpointId: owed.endpoint_id, eventId: owed.event_id } },
          trx,
        );
      return owed;
    });
    if (!copy) return { ok: false, kind: 'not-found', message: 'That delivery no longer exists.' };
    revalidatePath(`/admin/webhooks/${copy.endpoint_id}`);
    return { ok: true, message: 'The event is owed again: it goes out with the same webhook-id.' };
  },
);
