import 'server-only';
import { ConfigError, getEnv } from '@/lib/env';
import { getDb } from '@/lib/db';
import { markArtemisReady } from '@/lib/artemis';
import { runIndexSync, startBackgroundSync } from '@/lib/document-index/background';
import { errorText, logger } from '@/lib/log';
import { installShutdown } from '@/lib/shutdown';
import { startNotifications } from '@/lib/notifications/run';
import { startCheckpoints } from '@/lib/evidence-pack/checkpoint';
import { wireConsole } from '@/lib/wiring';
import { retireDemoAccounts, seedDemoUsers } from '@/lib/users/demo';
import type { DemoCaseloadSource } from '@/lib/calibration/demo-caseload';
import { demoHistoryEnd, seedDemoHistory } from '@/lib/calibration/demo-history';
import { drawDemoBacklog } from '@/lib/calibration/qa-schedule';

const log = () => logger('startup');

/** The embedded sandbox, handed in by instrumentation.ts in demo mode only. */
export type DemoSandbox = DemoCaseloadSource & {
  startSandbox(options: { port: number; seed: 'demo'; pastCaseloadUntil?: Date }): Promise<{ url: string }>;
  startMailCatcher(port: number, onMail: (mail: { to: string[]; subject: string; link: string | undefined }) => void): Promise<unknown>;
};

/**
 * Runs once when the server starts: configuration is checked before anything answers, and in
 * demo mode the embedded sandbox (`loadDemoSandbox`) and the demo accounts are brought up.
 */
export async function startConsole(loadDemoSandbox: () => Promise<DemoSandbox>): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      log().fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (env.demoMode) {
    log().warn(
      'DEMO MODE: ARTEMIS_API_URL is not set, so this console runs against its embedded Artemis sandbox with demo accounts. Never use it for real customers.',
    );
  }
  installShutdown(env);
  wireConsole();
  await getDb();
  startNotifications(env);
  if (!env.demoMode) {
    const retired = await retireDemoAccounts();
    if (retired.length > 0)
      log().warn(`Demo accounts disabled: this console talks to a real Artemis (ARTEMIS_API_URL), so ${retired.join(', ')} may not sign in.`);
    startBackgroundSync(env.sync.intervalSeconds);
    startCheckpoints(env.checkpointHours);
    return;
  }

  const demo = await loadDemoSandbox();
  const seedsDemoData = !env.databaseUrl || env.demoSeedPostgres;
  // The sandbox holds the past caseload whose trail is (or is about to be) in the database.
  const historyEnd = seedsDemoData ? await demoHistoryEnd(await getDb(), demo) : null;
  const sandboxReady = startEmbeddedSandbox(demo, env.sandboxPort, historyEnd);
  void startMailCatcher(demo, env.sandboxPort + 1);
  markArtemisReady(sandboxReady);
  await sandboxReady;
  if (!seedsDemoData) {
    log().warn('Demo mode on PostgreSQL (DATABASE_URL): no demo accounts or history are seeded there unless DEMO_SEED_POSTGRES=yes.');
  } else {
    // History first: its events are dated in the past, so they go into an empty trail or not at all.
    const seeded = historyEnd ? await seedDemoHistory(await getDb(), demo, historyEnd, env.thresholds) : 0;
    if (seeded > 0) log().info(`Demo mode: 60 days of past decisions, draws and QA verdicts seeded into the audit trail (${seeded} entries, marked demoSeed).`);
    await seedDemoUsers();
  }
  // After the seeding, which only goes into an empty trail.
  startCheckpoints(env.checkpointHours);
  // The demo's queue is filled at once; a real tenant's first sync is `npm run sync` or the interval.
  if (env.sync.intervalSeconds > 0) startBackgroundSync(env.sync.intervalSeconds);
  else
    void runIndexSync('demo start-up')
      .then(drawDemoBacklog)
      .catch((error: unknown) => log().warn({ error: errorText(error) }, 'Demo mode: no QA backlog drawn'));
}

/** Demo mode's mail goes to a catcher beside the sandbox, which prints each message with its link. */
async function startMailCatcher(demo: DemoSandbox, port: number): Promise<void> {
  try {
    await demo.startMailCatcher(port, (mail) => log().info(`Demo mail to ${mail.to.join(', ')}: ${mail.subject}${mail.link ? ` — ${mail.link}` : ''}`));
    log().info(`Demo mode: mail is caught at smtp://127.0.0.1:${port} and printed here`);
  } catch (error) {
    log().warn({ error: errorText(error) }, `Demo mode: no mail catcher on port ${port}; demo mail is not sent`);
  }
}

async function startEmbeddedSandbox(demo: DemoSandbox, port: number, pastCaseloadUntil: Date | null): Promise<void> {
  try {
    const sandbox = await demo.startSandbox({ port, seed: 'demo', ...(pastCaseloadUntil ? { pastCaseloadUntil } : {}) });
    log().info(`Demo mode: Artemis sandbox at ${sandbox.url}`);
  } catch (error) {
    // A dev server restart can find the previous process's sandbox still on the port.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      log().warn(`Demo mode: port ${port} is taken; assuming an Artemis sandbox already runs there.`);
      return;
    }
    throw error;
  }
}
