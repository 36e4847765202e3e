/**
 * Checks the audit trail's hash chain (SPEC §5, §8).
 *
 *   npm run audit:verify
 *
 * Exit 0 and "Audit trail OK: N events", or exit 1 and the first broken event.
 */
import 'server-only';
import { verifyAuditChain } from '@/lib/audit/verify';
import { closeDb, getDb } from '@/lib/db';

async function main(): Promise<number> {
  try {
    const result = await verifyAuditChain(await getDb());
    if (result.ok) {
      console.log(`Audit trail OK: ${result.count} events`);
      return 0;
    }
    const { seq, id, reason } = result.brokenAt;
    console.error(`Audit trail BROKEN at event #${seq} (${id}): ${reason}`);
    console.error(`${result.count} events before it are intact.`);
    return 1;
  } catch (err) {
    console.error(`Audit trail could not be checked: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();
