import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolvesToPublicAddresses } from '@/lib/artemis/binary';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@/lib/audit/actions';
import { addToOutbox } from '@/lib/audit/outbox';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import { getDb, writeTransaction } from '@/lib/db';
import type { Selectable } from 'kysely';
import type { WebhookEndpointsTable } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import type { EndpointInput } from './schemas';

/** An endpoint as the admin pages show it; the secret is shown once, when it is added. */
export type WebhookEndpoint = {
  id: string;
  url: string;
  eventTypes: NotificationEventType[];
  includeReasonText: boolean;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
  createdBy: string;
};

export class EndpointRefused extends Error {
  constructor(
    readonly field: 'url',
    detail: string,
  ) {
    super(detail);
    this.name = 'EndpointRefused';
  }
}

const hostPort = (url: URL) => `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`.toLowerCase();

/** Whether the receiver is one the operator named in WEBHOOK_ALLOWED_HOSTS (inside the firm's network). */
export const isAllowedReceiver = (url: URL) => getEnv().webhookAllowedHosts.includes(hostPort(url));

/**
 * https to a public address, as the image proxy reaches its hosts; or a receiver the operator
 * allowed by host and port. Deliveries check the address again at each connection (rebinding).
 */
export async function vetEndpointUrl(raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.username || url.password) throw new EndpointRefused('url', 'Put no user name or password in the URL: deliveries are signed instead.');
  if (isAllowedReceiver(url)) return url;
  if (url.protocol !== 'https:') throw new EndpointRefused('url', 'Use https: only receivers named in WEBHOOK_ALLOWED_HOSTS may use http.');
  const isPublic = await resolvesToPublicAddresses(url.hostname).catch(() => null);
  if (isPublic === null) throw new EndpointRefused('url', `${url.hostname} does not resolve.`);
  if (!isPublic)
    throw new EndpointRefused(
      'url',
      `${url.hostname} is a private or reserved address: only receivers named in WEBHOOK_ALLOWED_HOSTS may be inside the network.`,
    );
  return url;
}

const typesText = (types: readonly NotificationEventType[]) => `,${types.join(',')},`;

type EndpointRow = Selectable<WebhookEndpointsTable>;

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: NOTIFICATION_EVENT_TYPES.filter((type) => row.event_types.includes(`,${type},`)),
    includeReasonText: Number(row.include_reason_text) === 1,
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export async function listEndpoints(): Promise<WebhookEndpoint[]> {
  const rows = await (await getDb()).selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute();
  return rows.map(toEndpoint);
}

export async function findEndpoint(id: string): Promise<WebhookEndpoint | null> {
  const row = await (await getDb()).selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEndpoint(row) : null;
}

/** Adds an endpoint and returns it with its signing secret (Standard Webhooks' `whsec_` form), which is not shown again. */
export async function addEndpoint(actor: AuditActor, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = await vetEndpointUrl(input.url);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const row: EndpointRow = {
    id: randomUUID(),
    url: url.toString(),
    secret,
    event_types: typesText(input.eventTypes),
    include_reason_text: input.includeReasonText ? 1 : 0,
    enabled: 1,
    disabled_reason: null,
    failing_since: null,
    created_at: new Date().toISOString(),
    created_by: actor.email,
  };
  await writeTransaction(await getDb(), async (trx) => {
    await trx.insertInto('webhook_endpoints').values(row).execute();
    await recordAuditEvent(
      {
        action: 'webhook.endpoint_added',
        actor,
        detail: { endpointId: row.id, url: row.url, eventTypes: input.eventTypes, includeReasonText: input.includeReasonText },
      },
      trx,
    );
  });
  return { endpoint: toEndpoint(row), secret };
}

/** Turns an endpoint off or on again; off, nothing more is delivered to it (what is owed waits). */
export async function setEndpointEnabled(actor: AuditActor, id: string, enabled: boolean): Promise<WebhookEndpoint | null> {
  return writeTransaction(await getDb(), async (trx) => {
    const updated = await trx
      .updateTable('webhook_endpoints')
      .set(enabled ? { enabled: 1, disabled_reason: null, failing_since: null } : { enabled: 0, disabled_reason: `Disabled by ${actor.email}` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return null;
    await recordAuditEvent(
      { action: enabled ? 'webhook.endpoint_enabled' : 'webhook.endpoint_disabled', actor, detail: { endpointId: id, url: updated.url } },
      trx,
    );
    return toEndpoint(updated);
  });
}

/** `Send test event`: a `webhook.test` to this endpoint alone, delivered (and logged) like any other. */
export async function sendTestEvent(actor: AuditActor, id: string): Promise<boolean> {
  return writeTransaction(await getDb(), async (trx) => {
    const endpoint = await trx.selectFrom('webhook_endpoints').select(['id', 'url', 'enabled']).where('id', '=', id).executeTakeFirst();
    if (!endpoint || Number(endpoint.enabled) !== 1) return false;
    const event = await recordAuditEvent({ action: 'webhook.test_sent', actor, detail: { endpointId: id, url: endpoint.url } }, trx);
    await addToOutbox(trx, event, 'webhook.test', id);
    return true;
  });
}
