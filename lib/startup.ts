import 'server-only';
import { ConfigError, getEnv } from '@/lib/env';
import { getDb } from '@/lib/db';
import { markArtemisReady } from '@/lib/artemis';
import { runIndexSync, startBackgroundSync } from '@/lib/queue/background';
import { seedDemoUsers } from '@/lib/users/demo';

/**
 * Runs once when the server starts: configuration is checked before anything answers, and in
 * demo mode the embedded sandbox and the demo accounts are brought up.
 */
export async function startConsole(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await getDb();
  if (!env.demoMode) {
    startBackgroundSync(env.sync.intervalSeconds);
    return;
  }

  const sandboxReady = startEmbeddedSandbox(env.sandboxPort);
  markArtemisReady(sandboxReady);
  await sandboxReady;
  await seedDemoUsers();
  // The demo's queue is filled at once; a real tenant's first sync is `npm run sync` or the interval.
  if (env.sync.intervalSeconds > 0) startBackgroundSync(env.sync.intervalSeconds);
  else void runIndexSync('demo start-up');
}

async function startEmbeddedSandbox(port: number): Promise<void> {
  const { startSandbox } = await import('@/sandbox/server');
  try {
    const sandbox = await startSandbox({ port, seed: 'demo' });
    console.info(`Demo mode: Artemis sandbox at ${sandbox.url}`);
  } catch (error) {
    // A dev server restart can find the previous process's sandbox still on the port.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.warn(`Demo mode: port ${port} is taken; assuming an Artemis sandbox already runs there.`);
      return;
    }
    throw error;
  }
}
