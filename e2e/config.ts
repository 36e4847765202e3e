import path from 'node:path';
import { TEST_EVIDENCE_SIGNING_KEY } from '../testing/evidence-key';

// Overridable so that several checkouts can run their suites side by side.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4311);
const appPort = Number(process.env.E2E_APP_PORT ?? 3311);
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const dataDir = path.resolve('.e2e-data');
// Set (CI's second pass) to run the app and the users CLI on PostgreSQL, in a schema chosen with
// `?options=-c%20search_path%3D<schema>` that is emptied before the run; unset → SQLite in dataDir.
const databaseUrl = process.env.E2E_DATABASE_URL?.trim() || undefined;
const callbackSecret = 'e2e-callback-secret-5d1c9a7e0b';

/**
 * The fleet suite (e2e/fleet.spec.ts) runs on PostgreSQL on both passes: the SQLite pass's
 * database is one host's. Its own schema, beside the run's: `<schema>_fleet`.
 */
function fleetDatabaseUrl(): string {
  const url = new URL(databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test');
  const schema = /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(url.searchParams.get('options') ?? '')?.[1] ?? 'e2e';
  url.searchParams.set('options', `-c search_path=${schema}_fleet`);
  return url.toString();
}

/** The app runs as in production: pointed at a separate sandbox only through SPEC §4 variables. */
export const E2E = {
  sandboxPort,
  appPort,
  sandboxUrl,
  // localhost, not 127.0.0.1: Auth.js redirects land on localhost (TOOLCHAIN pitfall 3).
  appUrl: `http://localhost:${appPort}`,
  // A second instance of the same build on the same database, with the four-eyes policy on and
  // one trusted proxy hop (tests play the proxy by sending X-Forwarded-For); the main instance
  // runs with four eyes off, so that the other journeys override directly, and no proxy.
  fourEyesUrl: `http://localhost:${appPort + 1}`,
  fourEyesPort: appPort + 1,
  // A third instance of the same build on the same database, as a real tenant runs by default:
  // every account must give a second factor (MFA_REQUIRED=all), step-up after 15 minutes, four
  // eyes on the risky overrides; and a fair-use limit of 4 documents per 10 minutes, low enough
  // to trip. The other two leave factors to each account, so that the journeys about something
  // else sign in in one step.
  mfaUrl: `http://localhost:${appPort + 2}`,
  mfaPort: appPort + 2,
  /** The webhook receiver the webhooks spec starts; every instance may deliver to it (WEBHOOK_ALLOWED_HOSTS). */
  webhookReceiverPort: appPort + 30,
  /** The SMTP server the webhooks-and-mail spec starts; every instance sends its mail there. */
  mailCatcherPort: appPort + 31,
  /** Ports a test may start a standalone instance of its own on (two-factor spec). */
  spareStandalonePort: appPort + 20,
  clientId: 'e2e-console',
  clientSecret: 'e2e-client-secret-9f3a',
  domainId: '777',
  dataDir,
  databaseUrl,
  callbackSecret,
  fleet: { ports: [appPort + 10, appPort + 11] as const, databaseUrl: fleetDatabaseUrl(), metricsToken: 'e2e-metrics-token-3b9f0c2d7a' },
  /** A real OpenID provider (oidc-provider), served by the test sandbox process under /idp. */
  oidc: { issuer: `${sandboxUrl}/idp`, clientId: 'e2e-console-sso', clientSecret: 'e2e-sso-client-secret-7c1d' },
  appEnv: {
    AUTH_OIDC_ISSUER: `${sandboxUrl}/idp`,
    AUTH_OIDC_CLIENT_ID: 'e2e-console-sso',
    AUTH_OIDC_CLIENT_SECRET: 'e2e-sso-client-secret-7c1d',
    ARTEMIS_API_URL: sandboxUrl,
    ARTEMIS_TOKEN_URL: `${sandboxUrl}/oauth/token`,
    ARTEMIS_CLIENT_ID: 'e2e-console',
    ARTEMIS_CLIENT_SECRET: 'e2e-client-secret-9f3a',
    ARTEMIS_DOMAIN_ID: '777',
    ARTEMIS_TIMEOUT_MS: '4000',
    AUTH_SECRET: 'e2e-auth-secret-0123456789abcdef0123456789abcdef',
    // Read at build and at start: every instance of the build decrypts the others' action ids.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'ZTJlLXNlcnZlci1hY3Rpb25zLWtleS0wMTIzNDU2Nzg=',
    DATA_DIR: dataDir,
    // Journeys take checkpoints themselves (npm run audit:checkpoint); none appears on its own.
    AUDIT_CHECKPOINT_HOURS: '0',
    EVIDENCE_SIGNING_KEY: TEST_EVIDENCE_SIGNING_KEY,
    ARTEMIS_CALLBACK_SECRET: callbackSecret,
    SYNC_INTERVAL_SECONDS: '0',
    FOUR_EYES: 'off',
    MFA_REQUIRED: 'off',
    // Approvals and account changes then count the sign-in at the suite's start as recent enough;
    // the two-factor spec runs its own instance with the default.
    STEP_UP_MINUTES: '600',
    NEXT_TELEMETRY_DISABLED: '1',
    // The console's graceful shutdown handles SIGTERM, as in the image.
    NEXT_MANUAL_SIG_HANDLE: 'true',
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${appPort + 30}`,
    SMTP_URL: `smtp://127.0.0.1:${appPort + 31}`,
    MAIL_FROM: 'Liveness Review Console <console@e2e.invalid>',
    CONSOLE_URL: `http://localhost:${appPort}`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  } as Record<string, string>,
  users: {
    reviewer: { email: 'rita.reviewer@example.test', password: 'correct horse battery 1', role: 'reviewer', name: 'Rita Reviewer' },
    auditor: { email: 'otto.auditor@example.test', password: 'correct horse battery 2', role: 'auditor', name: 'Otto Auditor' },
    admin: { email: 'ada.admin@example.test', password: 'correct horse battery 3', role: 'admin', name: 'Ada Admin' },
    reviewer2: { email: 'sam.second@example.test', password: 'correct horse battery 4', role: 'reviewer', name: 'Sam Second' },
  },
} as const;

/** Everything the app server prints (build and start), kept for the secret scan. */
export const serverLogFile = path.join(dataDir, 'server.log');

export type E2ERole = keyof typeof E2E.users;
export const storageStateFor = (role: E2ERole) => path.resolve('.e2e-data', `storage-${role}.json`);
