import 'server-only';
import { errorText, logger } from '@/lib/log';
import { isDraining } from '@/lib/shutdown';

/**
 * Runs `work` every `ms` in this process (the first time after `firstAfterMs`, `ms` unless
 * told), never two at once and not while shutting down. A failure is logged and tried again next
 * time; the timers never keep the process alive.
 */
export function every(name: string, ms: number, work: () => Promise<unknown>, { firstAfterMs }: { firstAfterMs?: number } = {}): void {
  let busy = false;
  const run = () => {
    if (busy || isDraining()) return;
    busy = true;
    work()
      .catch((error: unknown) => logger('background').warn({ error: errorText(error) }, `${name}: not done this time`))
      .finally(() => {
        busy = false;
      });
  };
  setInterval(run, ms).unref();
  if (firstAfterMs !== undefined) setTimeout(run, firstAfterMs).unref();
}
