/**
 * Settles override attempts still without a final outcome (unknown, or their process died) by
 * reading Artemis back, and lists liveness decisions that changed in Artemis without a matching
 * event in the trail (SPEC §8: nothing lost, nothing invented).
 *
 *   npm run audit:reconcile [-- --min-age-seconds N]
 *
 * An attempt whose decision is still under way (its document's decision lock is held) is left
 * for the next run. `--min-age-seconds` leaves attempts younger than that alone as well.
 *
 * Exit 0 when every attempt could be settled and nothing drifted; 1 otherwise (run it from
 * cron and alert on failure).
 */
import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { findDrift } from '@/lib/audit/reconcile';
import { closeDb, getDb } from '@/lib/db';
import { reconcilePendingAttempts } from '@/lib/overrides/settle';
import { wireConsole } from '@/lib/wiring';

const pf = (v: unknown) => (v === true ? 'Pass' : v === false ? 'Fail' : 'not set');
const decision = (v: unknown) => {
  const p = (v ?? {}) as { conclusion?: unknown; facialCheck?: unknown };
  return `conclusion ${pf(p.conclusion)}, facial check ${pf(p.facialCheck)}`;
};

function minAgeMs(args: string[]): number {
  const i = args.indexOf('--min-age-seconds');
  if (i === -1) return 0;
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n < 0) throw new Error('--min-age-seconds needs a number of seconds');
  return n * 1000;
}

async function main(): Promise<number> {
  wireConsole();
  let problems = 0;
  try {
    const db = await getDb();
    const artemis = await getArtemis();

    const report = await reconcilePendingAttempts(artemis, { reconciledBy: 'audit:reconcile', db, minAgeMs: minAgeMs(process.argv.slice(2)) });
    for (const { attempt, outcome } of report.resolved) {
      console.log(
        `Settled attempt #${attempt.seq} on ${attempt.customerId}/${attempt.documentId} by ${attempt.actorEmail}: ${outcome.action} (event #${outcome.seq})`,
      );
    }
    for (const a of [...report.busy, ...report.missing]) {
      problems += 1;
      console.error(`UNSETTLED attempt #${a.seq} (${a.id}) on ${a.customerId}/${a.documentId}: a decision on the document is under way; run again shortly`);
    }
    for (const { attempts, error } of report.failed) {
      problems += attempts.length;
      const { customerId, documentId } = attempts[0]!;
      console.error(`UNSETTLED ${attempts.length} attempt(s) on ${customerId}/${documentId}: Artemis could not be read (${error}); run again later`);
    }
    if (report.resolved.length + report.busy.length + report.missing.length + report.failed.length === 0)
      console.log('No override attempt is without an outcome.');

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
