import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { AuditAction } from '@/lib/audit/actions';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown, allowed: [] as string[] }));
vi.mock('@/lib/env', () => ({ getEnv: () => ({ consoleUrl: 'https://console.example.test', webhookAllowedHosts: state.allowed, reviewSlaHours: 24 }) }));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { recordAuditEvent } = await import('@/lib/audit/trail');
const { addEndpoint, EndpointRefused } = await import('./endpoints');
const { claimDueDeliveries, deliverDue, nextDelayMs, retryAfterMs } = await import('./delivery');

const admin = { id: 'u-admin', email: 'ada@example.test', role: 'admin' };
type Received = { id: string; type: string; documentId: number | null; reasonText: unknown };

// A receiver that verifies every signature as a customer's would, and answers from a script.
let server: Server;
let received: Received[] = [];
let script: number[] = [];
let secret = '';
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = new Webhook(secret).verify(body, req.headers as Record<string, string>) as {
        type: string;
        data: { documentId: number | null; reasonText?: unknown };
      };
      received.push({ id: String(req.headers['webhook-id']), type: payload.type, documentId: payload.data.documentId, reasonText: payload.data.reasonText });
      const status = script.shift() ?? 200;
      res.writeHead(status, status === 429 ? { 'retry-after': '120' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.allowed = [`127.0.0.1:${(server.address() as AddressInfo).port}`];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

await describeEachDialect('webhook outbox and delivery', (database) => {
  const url = () => `http://${state.allowed[0]}/hooks`;
  const decision = (documentId: number, action: AuditAction, reasonText?: string) =>
    recordAuditEvent({ action, actor: { id: 'u-rita', email: 'rita@example.test', role: 'reviewer' }, customerId: 1001, documentId, reasonText });

  beforeEach(async () => {
    state.db = database().db;
    received = [];
    script = [];
  });

  it('refuses http and private receivers not named in WEBHOOK_ALLOWED_HOSTS', async () => {
    await expect(addEndpoint(admin, { url: 'http://hooks.example.com/x', eventTypes: ['decision.applied'], includeReasonText: false })).rejects.toBeInstanceOf(
      EndpointRefused,
    );
    await expect(addEndpoint(admin, { url: 'https://10.0.0.5/x', eventTypes: ['decision.applied'], includeReasonText: false })).rejects.toThrow(/private/);
    await expect(addEndpoint(admin, { url: 'https://127.0.0.1:1/x', eventTypes: ['decision.applied'], includeReasonText: false })).rejects.toThrow(/private/);
  });

  it('announces subscribed events in the audit event’s transaction, delivers them signed and in order, and retries a 5xx with the same id', async () => {
    const added = await addEndpoint(admin, { url: url(), eventTypes: ['decision.applied', 'case.escalated'], includeReasonText: false });
    secret = added.secret;
    await decision(5001, 'override.applied', 'private words');
    await decision(5001, 'case.escalated', 'more private words');
    await decision(5001, 'note.added'); // not announced
    await decision(5002, 'override.proposed'); // not subscribed

    const outbox = await database().db.selectFrom('outbox_events').select(['type']).execute();
    expect(outbox.map((e) => e.type).sort()).toEqual(['case.escalated', 'decision.applied', 'proposal.created']);

    // One document's second event waits for its first; the first fails once with 500.
    script = [500];
    let clock = new Date();
    expect(await deliverDue(database().db, 'instance-a', () => clock)).toBe(1);
    expect(received.map((r) => r.type)).toEqual(['decision.applied']);
    expect(await deliverDue(database().db, 'instance-a', () => clock)).toBe(0); // backing off, and the next one waits behind it
    clock = new Date(clock.getTime() + 10_000);
    expect(await deliverDue(database().db, 'instance-a', () => clock)).toBe(1);
    expect(await deliverDue(database().db, 'instance-a', () => clock)).toBe(1);
    expect(received.map((r) => r.type)).toEqual(['decision.applied', 'decision.applied', 'case.escalated']);
    expect(received[0]!.id).toBe(received[1]!.id);
    expect(received.every((r) => r.documentId === 5001 && r.reasonText === undefined)).toBe(true);
    const rows = await database().db.selectFrom('webhook_deliveries').select(['status', 'attempts']).orderBy('event_order').execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ['delivered', 2],
      ['delivered', 1],
    ]);
  });

  it('a claim is one instance’s until it runs out; a 4xx stops; 429 waits as long as Retry-After says', async () => {
    secret = (await addEndpoint(admin, { url: url(), eventTypes: ['decision.applied'], includeReasonText: true })).secret;
    await decision(5003, 'override.applied', 'why');
    await decision(5004, 'override.applied');
    const now = new Date();
    const a = await claimDueDeliveries(database().db, 'instance-a', now);
    expect(a).toHaveLength(2);
    expect(await claimDueDeliveries(database().db, 'instance-b', now)).toHaveLength(0);
    // The claimant stopped (SIGTERM): a minute later the claims are free again.
    expect(await claimDueDeliveries(database().db, 'instance-b', new Date(now.getTime() + 61_000))).toHaveLength(2);

    await database().db.updateTable('webhook_deliveries').set({ claimed_by: null, claimed_until: null }).execute();
    script = [410, 429];
    await deliverDue(database().db, 'instance-a', () => now);
    expect(received.map((r) => r.reasonText).sort()).toEqual([null, 'why']);
    const rows = await database().db.selectFrom('webhook_deliveries').select(['status', 'last_status', 'next_attempt_at']).orderBy('event_order').execute();
    const stopped = rows.find((r) => Number(r.last_status) === 410)!;
    const waiting = rows.find((r) => Number(r.last_status) === 429)!;
    expect(stopped.status).toBe('failed');
    expect(waiting.status).toBe('pending');
    expect(Date.parse(waiting.next_attempt_at) - now.getTime()).toBe(120_000);
  });
});

it('backs off from 5 seconds, doubling, to at most an hour, and reads Retry-After as seconds or a date', () => {
  const none = () => 0.5;
  expect([1, 2, 3, 4].map((n) => nextDelayMs(n, undefined, none))).toEqual([5_000, 10_000, 20_000, 40_000]);
  expect(nextDelayMs(30, undefined, none)).toBe(3_600_000);
  expect(nextDelayMs(1, 7_200_000)).toBe(3_600_000);
  expect(retryAfterMs('30', 0)).toBe(30_000);
  expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
  expect(retryAfterMs('soon', 0)).toBeUndefined();
});
