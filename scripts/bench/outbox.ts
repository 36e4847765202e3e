// SPEC §10 / §15: writing the outbox adds at most 2 ms to an override's server time.
import { onEachDatabase, record } from './support';

const BUDGET_MS = 2;

type OutboxResult = { plainMs: number; announcedMs: number; deliveries: number };

/** Server time of an override's outcome event without endpoints, and with three subscribed to it. */
export async function outboxFigures(baseEnv: NodeJS.ProcessEnv, postgresUrl: string | undefined): Promise<void> {
  for (const [name, result] of await onEachDatabase<OutboxResult>(baseEnv, postgresUrl, 'scripts/bench/outbox-worker.ts')) {
    if (result.deliveries === 0) throw new Error('the outbox bench owed no deliveries');
    const added = result.announcedMs - result.plainMs;
    record({ name: `an override's outcome event, no endpoints, ${name}`, value: result.plainMs, unit: 'ms' });
    record({
      name: `time the outbox adds to it (three endpoints subscribed), ${name}`,
      value: added,
      unit: 'ms',
      budget: `≤ ${BUDGET_MS} ms`,
      met: added <= BUDGET_MS,
    });
  }
}
