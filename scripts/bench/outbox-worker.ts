// Run by scripts/bench/outbox.ts in a process of its own, on the database its env names: the
// time to append an override's outcome event (override.applied), which the decision path awaits,
// without webhook endpoints and then with three subscribed to it. Prints one JSON line.
import { recordAuditEvent } from '@/lib/audit/trail';
import { closeDb, getDb } from '@/lib/db';

const EVENTS = 300;
const actor = { id: 'bench-reviewer', email: 'bench.reviewer@example.test', role: 'reviewer' };

async function appendMs(): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    await recordAuditEvent({
      action: 'override.applied',
      actor,
      customerId: 9_000,
      documentId: 1 + (i % 50),
      before: { conclusion: false },
      after: { conclusion: true },
    });
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / EVENTS;
}

async function main() {
  await appendMs(); // warm-up
  const plainMs = await appendMs();
  const db = await getDb();
  for (let i = 0; i < 3; i++) {
    await db
      .insertInto('webhook_endpoints')
      .values({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        url: `https://hooks${i}.example.com/`,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        event_types: ',decision.applied,',
        created_at: new Date().toISOString(),
        created_by: 'bench',
      })
      .execute();
  }
  const announcedMs = await appendMs();
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(JSON.stringify({ plainMs, announcedMs, deliveries: Number(deliveries.n) }));
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
