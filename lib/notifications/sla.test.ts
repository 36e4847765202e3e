import { beforeEach, expect, it, vi } from 'vitest';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { createDemoSeed, SEED_CASES } from '@/sandbox/seed';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/env', () => ({ getEnv: () => ({ consoleUrl: 'https://console.example.test', webhookAllowedHosts: [], reviewSlaHours: 24 }) }));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { announceBreaches } = await import('./sla');
const { indexCustomers } = await import('@/lib/document-index/store');

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const seed = createDemoSeed('');
const A = SEED_CASES.lowConfidence;
const HOUR = 3_600_000;

await describeEachDialect('overdue documents announced', (database) => {
  const index = () =>
    indexCustomers(
      database().db,
      [
        {
          customer: seed.customers.find((c) => c.id === A.customerId)! as unknown as ArtemisCustomer,
          documents: [seed.documents.find((d) => d.id === A.documentId)! as unknown as ArtemisDocument],
        },
      ],
      THRESHOLDS,
    );

  beforeEach(async () => {
    state.db = database().db;
    await index();
  });

  it('once per stay in the queue, by however many instances look, with its outbox event', async () => {
    const queuedAt = (await database().db.selectFrom('document_index').select('queued_at').where('document_id', '=', A.documentId).executeTakeFirstOrThrow())
      .queued_at!;
    const later = new Date(Date.parse(queuedAt) + 25 * HOUR);
    expect(await announceBreaches(database().db, 24, new Date(Date.parse(queuedAt) + 23 * HOUR))).toBe(0);
    const [first, second] = await Promise.all([announceBreaches(database().db, 24, later), announceBreaches(database().db, 24, later)]);
    expect(first + second).toBe(1);
    expect(await announceBreaches(database().db, 24, new Date(later.getTime() + HOUR))).toBe(0);
    const events = await database()
      .db.selectFrom('audit_events')
      .select(['action', 'actor_email', 'document_id'])
      .where('action', '=', 'case.sla_breached')
      .execute();
    expect(events).toEqual([{ action: 'case.sla_breached', actor_email: 'system:deadlines', document_id: expect.anything() }]);
    expect(await database().db.selectFrom('outbox_events').select('type').execute()).toEqual([{ type: 'sla.breached' }]);
  });
});
