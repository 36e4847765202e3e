/**
 * Settles override attempts left without an outcome, and lists liveness decisions that changed
 * in Artemis without a matching event in the trail (SPEC §8: nothing lost, nothing invented).
 *
 *   npm run audit:reconcile [-- --min-age-seconds N]
 *
 * Attempts younger than twice the Artemis timeout (plus a margin) are left alone: their request
 * may still be running. `--min-age-seconds` overrides that age.
 *
 * Exit 0 when every attempt could be settled and nothing drifted; 1 otherwise (run it from
 * cron and alert on failure).
 */
import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { findDrift, findStaleAttempts, resolveAttempts, unresolvedAfterMs } from '@/lib/audit/reconcile';
import type { AuditEvent } from '@/lib/audit/trail';
import { closeDb, getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';

const pf = (v: unknown) => (v === true ? 'Pass' : v === false ? 'Fail' : 'not set');
const decision = (v: unknown) => {
  const p = (v ?? {}) as { conclusion?: unknown; facialCheck?: unknown };
  return `conclusion ${pf(p.conclusion)}, facial check ${pf(p.facialCheck)}`;
};

function minAgeMs(args: string[]): number {
  const i = args.indexOf('--min-age-seconds');
  if (i === -1) return unresolvedAfterMs(getEnv().artemis.timeoutMs);
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n < 0) throw new Error('--min-age-seconds needs a number of seconds');
  return n * 1000;
}

async function main(): Promise<number> {
  let problems = 0;
  try {
    const db = await getDb();
    const artemis = await getArtemis();

    const stale = await findStaleAttempts(minAgeMs(process.argv.slice(2)), { db });
    const byDocument = new Map<string, AuditEvent[]>();
    for (const a of stale) {
      const key = `${a.customerId}/${a.documentId}`;
      byDocument.set(key, [...(byDocument.get(key) ?? []), a]);
    }
    for (const attempts of byDocument.values()) {
      const { customerId, documentId } = attempts[0]!;
      const document = customerId && documentId ? await artemis.getDocument(customerId, documentId) : null;
      if (!document) {
        problems += attempts.length;
        for (const a of attempts) console.error(`UNRESOLVED attempt #${a.seq} (${a.id}): document ${customerId}/${documentId} is not in Artemis`);
        continue;
      }
      for (const { attempt, outcome } of await resolveAttempts(attempts, document, { reconciledBy: 'audit:reconcile', db })) {
        console.log(`Resolved attempt #${attempt.seq} on ${customerId}/${documentId} by ${attempt.actorEmail}: ${outcome.action} (event #${outcome.seq})`);
      }
    }
    if (stale.length === 0) console.log('No override attempt is without an outcome.');

    const drift = await findDrift(artemis, { db });
    for (const d of drift) {
      problems += 1;
      const last = d.lastApplied;
      console.error(
        `DRIFT ${d.customerId}/${d.documentId}: Artemis holds ${d.live ? decision(d.live) : 'no such document'}` +
          `${d.live?.updatedAt ? ` (updated ${d.live.updatedAt})` : ''}; the trail last applied ${decision(last.after)}` +
          ` in event #${last.seq} (${last.id}) by ${last.actorEmail} at ${last.occurredAt}`,
      );
    }
    if (drift.length === 0) console.log('Every audited document holds the decision the trail last applied.');
    return problems === 0 ? 0 : 1;
  } catch (err) {
    console.error(`Audit reconciliation failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();
