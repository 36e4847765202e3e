import 'server-only';
import { errorText, logger } from '@/lib/log';
import { isDraining } from '@/lib/shutdown';

/**
 * Runs `work` every `ms` in this process, never two at once and not while shutting down. A
 * failure is logged and tried again next time; the timer never keeps the process alive.
 */
export function every(name: string, ms: number, work: () => Promise<unknown>): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || isDraining()) return;
    busy = true;
    work()
      .catch((error: unknown) => logger('background').warn({ error: errorText(error) }, `${name}: not done this time`))
      .finally(() => {
        busy = false;
      });
  }, ms);
  timer.unref();
}
