// Run by scripts/bench/evidence-views.ts in a process of its own, on the database its env names:
// the server CPU that putting a view on the record costs, measured around the call the review
// screen makes (lib/evidence-access). Prints one JSON line.
import { admitView } from '@/lib/evidence-access/access';
import { closeDb } from '@/lib/db';

const PEOPLE = 20;
const DOCUMENTS = 20;
const request = { client: '198.51.100.7', requestId: 'bench-request-0001', source: 'artemis' as const };

async function views(round: string): Promise<{ cpuMs: number; recorded: number; calls: number }> {
  let recorded = 0;
  const before = process.cpuUsage();
  for (let person = 0; person < PEOPLE; person++) {
    const actor = { id: `bench-${round}-${person}`, email: `bench.${round}.${person}@example.test`, role: 'reviewer' };
    for (let documentId = 1; documentId <= DOCUMENTS; documentId++) {
      const admission = await admitView(actor, { customerId: 9_000, documentId }, request);
      if (admission.ok && admission.recorded) recorded++;
    }
  }
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, recorded, calls: PEOPLE * DOCUMENTS };
}

async function main() {
  await views('warm');
  const first = await views('measured');
  // The same people and documents again within the window: coalesced, nothing recorded.
  const again = await views('measured');
  console.log(
    JSON.stringify({
      recordedMs: first.cpuMs / first.calls,
      recorded: first.recorded,
      coalescedMs: again.cpuMs / again.calls,
      coalesced: again.calls - again.recorded,
    }),
  );
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
