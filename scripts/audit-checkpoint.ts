/**
 * Signs the audit chain's head now (SPEC §16), as the console does once a day.
 *
 *   npm run audit:checkpoint
 *
 * Records an `audit.checkpoint` event; prints the head it signed.
 */
import 'server-only';
import { closeDb, getDb } from '@/lib/db';
import { CONSOLE_ACTOR, takeCheckpoint } from '@/lib/evidence-pack/checkpoint';

async function main(): Promise<number> {
  try {
    const event = await takeCheckpoint(await getDb(), { ...CONSOLE_ACTOR, email: 'console (npm run audit:checkpoint)' });
    if (!event) {
      console.log('The audit trail is empty: nothing to sign.');
      return 0;
    }
    const signed = event.detail as { seq: number; hash: string; at: string; keyId: string };
    console.log(`Checkpoint signed: head #${signed.seq} ${signed.hash} at ${signed.at} (key ${signed.keyId}), recorded as event #${event.seq}`);
    return 0;
  } catch (error) {
    console.error(`No checkpoint: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await closeDb().catch(() => undefined);
  }
}

process.exitCode = await main();
