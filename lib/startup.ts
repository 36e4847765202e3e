import 'server-only';
import { ConfigError, getEnv } from '@/lib/env';
import { getDb } from '@/lib/db';
import { markArtemisReady } from '@/lib/artemis';
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
  if (!env.demoMode) return;

  const sandboxReady = startEmbeddedSandbox(env.sandboxPort);
  markArtemisReady(sandboxReady);
  await sandboxReady;
  await seedDemoUsers();
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
