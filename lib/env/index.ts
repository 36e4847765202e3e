import 'server-only';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hostPortList, httpUrl, nonNegativeInt, optionalString, originList, percent, positiveInt } from './variables';

/** Credentials the embedded sandbox accepts; used only in demo mode, never with a real tenant. */
const SANDBOX_DEFAULTS = {
  port: 4010,
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
  domainId: '4242',
} as const;

const rawSchema = z.object({
  ARTEMIS_API_URL: optionalString.pipe(httpUrl.optional()),
  ARTEMIS_TOKEN_URL: optionalString.pipe(httpUrl.optional()),
  ARTEMIS_CLIENT_ID: optionalString,
  ARTEMIS_CLIENT_SECRET: optionalString,
  ARTEMIS_DOMAIN_ID: optionalString.pipe(z.string().regex(/^\d+$/, 'must be a numeric domain id').optional()),
  ARTEMIS_TIMEOUT_MS: positiveInt(10_000, 120_000),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATA_DIR: optionalString,
  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  LIVENESS_PASS_THRESHOLD: percent(90),
  LIVENESS_FAIL_THRESHOLD: percent(50),
  FACE_ATTRIBUTE_MIN_CONFIDENCE: percent(80),
  ARTEMIS_CALLBACK_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  SYNC_INTERVAL_SECONDS: nonNegativeInt(0, 86_400),
  SYNC_CONCURRENCY: positiveInt(4, 32),
  SYNC_DELAY_MS: nonNegativeInt(0, 60_000),
  QA_SAMPLE_PERCENT: percent(2),
  FOUR_EYES: optionalString.pipe(z.enum(['off', 'risky', 'all']).optional()).transform((v) => v ?? 'risky'),
  PORT: positiveInt(3000, 65_535),
  TRUSTED_PROXY_HOPS: nonNegativeInt(0, 10),
  DEMO_SEED_POSTGRES: optionalString.pipe(z.enum(['yes', 'no']).optional()).transform((v) => v === 'yes'),
  SANDBOX_PORT: positiveInt(SANDBOX_DEFAULTS.port, 65_535),
  SESSION_IDLE_MINUTES: positiveInt(30, 24 * 60),
  SESSION_MAX_HOURS: positiveInt(8, 7 * 24),
  ALLOWED_ORIGINS: originList,
  // Kept exactly as given: the issuer must match the provider's `iss`, trailing slash included.
  AUTH_OIDC_ISSUER: optionalString.pipe(
    z
      .string()
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'must be an http(s) URL')
      .optional(),
  ),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_REQUIRE_MFA: optionalString.pipe(z.enum(['true', 'false']).optional()).transform((v) => v === 'true'),
  AUTH_OIDC_ACR: optionalString,
  MFA_REQUIRED: optionalString.pipe(z.enum(['all', 'admins', 'off']).optional()),
  STEP_UP_MINUTES: positiveInt(15, 24 * 60),
  PASSWORD_SIGN_IN: optionalString.pipe(z.enum(['on', 'off']).optional()).transform((v) => v !== 'off'),
  EVIDENCE_DOCUMENTS_PER_10_MINUTES: positiveInt(60, 10_000),
  REVIEW_SLA_HOURS: positiveInt(24, 24 * 365),
  CONSOLE_URL: optionalString.pipe(httpUrl.optional()),
  WEBHOOK_ALLOWED_HOSTS: hostPortList,
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: optionalString.pipe(z.string().max(320).optional()),
  // A PEM in one variable: real line breaks, or \n as many secret stores keep them.
  AUDIT_CHECKPOINT_HOURS: nonNegativeInt(24, 24 * 7),
  EVIDENCE_SIGNING_KEY: optionalString.transform((v) => v?.replaceAll('\\n', '\n')),
  NODE_ENV: optionalString,
  LOG_LEVEL: optionalString.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  SHUTDOWN_GRACE_SECONDS: nonNegativeInt(30, 600),
  // Read by Next itself (at build and at start); checked here so that a bad key stops start-up clearly.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, 'base64').length),
        'must be a base64 AES key of 16, 24 or 32 bytes (openssl rand -base64 32)',
      )
      .optional(),
  ),
  // Next's own signal handler, which the console replaces (lib/shutdown.ts): read only to warn.
  NEXT_MANUAL_SIG_HANDLE: optionalString,
});

export type Env = {
  demoMode: boolean;
  artemis: {
    apiUrl: string;
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    domainId: string;
    timeoutMs: number;
  };
  sandboxPort: number;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  /** Idle and absolute session limits, in seconds. */
  session: { idleSeconds: number; maxSeconds: number };
  /**
   * Single sign-on through an OpenID Connect provider; accounts must still exist here. With
   * `requireMfa`, an ID token whose `amr` vouches for several factors, or whose `acr` is `acr`
   * (asked for with acr_values), counts as two factors; otherwise the console asks for its own.
   */
  oidc: { issuer: string; clientId: string; clientSecret: string; requireMfa: boolean; acr: string | undefined } | undefined;
  /** Second factors (SPEC §13): who must have one, how recent one must be for step-up, and whether passwords sign in at all. */
  mfa: { required: 'all' | 'admins' | 'off'; stepUpMinutes: number; passwordSignIn: boolean };
  /** Fair use of the evidence (SPEC §13): distinct documents one person may open in 10 minutes. */
  evidenceDocumentsPer10Minutes: number;
  /** A document is due this many hours after it entered the queue (SPEC §14). */
  reviewSlaHours: number;
  /** Extra hosts allowed to post server actions (the request's own host always is). */
  allowedOrigins: string[];
  /** The console's own address, for the links webhooks and mails carry (SPEC §15). */
  consoleUrl: string;
  /** `host:port` receivers inside the firm's network that webhooks may reach, over http too. */
  webhookAllowedHosts: string[];
  /** The Ed25519 private key (PKCS#8 PEM) that signs evidence packs and audit checkpoints (SPEC §16). */
  evidenceSigningKey: string;
  /** How often the chain head is signed as an `audit.checkpoint`; 0: only `npm run audit:checkpoint`. */
  checkpointHours: number;
  /** Where mail goes out (SPEC §15); undefined: no mail. Demo mode: the sandbox's mail catcher. */
  mail: { smtpUrl: string; from: string } | undefined;
  thresholds: { pass: number; fail: number; faceAttributeMinConfidence: number };
  callbackSecret: string | undefined;
  /** Document index sync (SPEC §7): background interval (0 = off), parallel customers, pause between requests. */
  sync: { intervalSeconds: number; concurrency: number; delayMs: number };
  fourEyes: 'off' | 'risky' | 'all';
  /** Share of each UTC day's automated passes drawn for QA review (SPEC §11). */
  qaSamplePercent: number;
  port: number;
  /** Reverse proxies in front that append to X-Forwarded-For; 0: the client is the socket's peer. */
  trustedProxyHops: number;
  /** Demo mode with DATABASE_URL: seed the demo accounts into that PostgreSQL database only when asked. */
  demoSeedPostgres: boolean;
  logLevel: string;
  /** Bearer token of /api/metrics; undefined: metrics off. */
  metricsToken: string | undefined;
  /** On SIGTERM, how long decisions in flight may take to reach their outcome before the process exits. */
  shutdownGraceSeconds: number;
  /** Whether Next leaves SIGTERM and SIGINT to the console (NEXT_MANUAL_SIG_HANDLE). */
  consoleHandlesSignals: boolean;
  /** `next dev`: the CSP must allow eval for React's development tooling. */
  development: boolean;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration; throws a ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const raw = parsed.data;
  const demoMode = raw.ARTEMIS_API_URL === undefined;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR ?? 'data');

  if (raw.LIVENESS_FAIL_THRESHOLD > raw.LIVENESS_PASS_THRESHOLD) {
    throw new ConfigError('LIVENESS_FAIL_THRESHOLD', 'must not be above LIVENESS_PASS_THRESHOLD');
  }

  if (raw.SESSION_IDLE_MINUTES > raw.SESSION_MAX_HOURS * 60) {
    throw new ConfigError('SESSION_IDLE_MINUTES', 'must not be longer than SESSION_MAX_HOURS');
  }

  const oidcNames = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const;
  const oidcGiven = oidcNames.filter((name) => raw[name] !== undefined);
  if (oidcGiven.length > 0 && oidcGiven.length < oidcNames.length) {
    const missing = oidcNames.find((name) => raw[name] === undefined)!;
    throw new ConfigError(missing, `is required when ${oidcGiven[0]} is set`);
  }

  if (!raw.PASSWORD_SIGN_IN && oidcGiven.length === 0) {
    throw new ConfigError('PASSWORD_SIGN_IN', 'can be off only with single sign-on configured (AUTH_OIDC_ISSUER)');
  }
  if ((raw.AUTH_OIDC_REQUIRE_MFA || raw.AUTH_OIDC_ACR !== undefined) && oidcGiven.length === 0) {
    throw new ConfigError(raw.AUTH_OIDC_REQUIRE_MFA ? 'AUTH_OIDC_REQUIRE_MFA' : 'AUTH_OIDC_ACR', 'needs single sign-on configured (AUTH_OIDC_ISSUER)');
  }

  // A shared database is shared by several instances: a secret kept in one data folder is not.
  if (raw.DATABASE_URL !== undefined && raw.AUTH_SECRET === undefined) {
    throw new ConfigError('AUTH_SECRET', 'is required when DATABASE_URL is set');
  }

  let artemis: Env['artemis'];
  if (demoMode) {
    const sandboxUrl = `http://127.0.0.1:${raw.SANDBOX_PORT}`;
    artemis = {
      apiUrl: sandboxUrl,
      tokenUrl: raw.ARTEMIS_TOKEN_URL ?? `${sandboxUrl}/oauth/token`,
      clientId: raw.ARTEMIS_CLIENT_ID ?? SANDBOX_DEFAULTS.clientId,
      clientSecret: raw.ARTEMIS_CLIENT_SECRET ?? SANDBOX_DEFAULTS.clientSecret,
      domainId: raw.ARTEMIS_DOMAIN_ID ?? SANDBOX_DEFAULTS.domainId,
      timeoutMs: raw.ARTEMIS_TIMEOUT_MS,
    };
  } else {
    for (const name of ['ARTEMIS_TOKEN_URL', 'ARTEMIS_CLIENT_ID', 'ARTEMIS_CLIENT_SECRET', 'ARTEMIS_DOMAIN_ID', 'AUTH_SECRET'] as const) {
      if (raw[name] === undefined) throw new ConfigError(name, 'is required when ARTEMIS_API_URL is set');
    }
    artemis = {
      apiUrl: raw.ARTEMIS_API_URL!,
      tokenUrl: raw.ARTEMIS_TOKEN_URL!,
      clientId: raw.ARTEMIS_CLIENT_ID!,
      clientSecret: raw.ARTEMIS_CLIENT_SECRET!,
      domainId: raw.ARTEMIS_DOMAIN_ID!,
      timeoutMs: raw.ARTEMIS_TIMEOUT_MS,
    };
  }

  // Every instance on a shared database must sign with the same key.
  if (raw.EVIDENCE_SIGNING_KEY === undefined && (!demoMode || raw.DATABASE_URL !== undefined)) {
    throw new ConfigError('EVIDENCE_SIGNING_KEY', `is required when ${demoMode ? 'DATABASE_URL' : 'ARTEMIS_API_URL'} is set`);
  }
  if (raw.EVIDENCE_SIGNING_KEY !== undefined) checkEd25519PrivateKey(raw.EVIDENCE_SIGNING_KEY);

  return {
    demoMode,
    artemis,
    sandboxPort: raw.SANDBOX_PORT,
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    authSecret: raw.AUTH_SECRET ?? demoAuthSecret(dataDir),
    evidenceSigningKey: raw.EVIDENCE_SIGNING_KEY ?? demoSigningKey(dataDir),
    checkpointHours: raw.AUDIT_CHECKPOINT_HOURS,
    session: { idleSeconds: raw.SESSION_IDLE_MINUTES * 60, maxSeconds: raw.SESSION_MAX_HOURS * 3600 },
    allowedOrigins: raw.ALLOWED_ORIGINS,
    consoleUrl: raw.CONSOLE_URL ?? `http://localhost:${raw.PORT}`,
    webhookAllowedHosts: raw.WEBHOOK_ALLOWED_HOSTS,
    mail: mailSettings(raw.SMTP_URL, raw.MAIL_FROM, demoMode ? raw.SANDBOX_PORT + 1 : undefined),
    oidc:
      raw.AUTH_OIDC_ISSUER && raw.AUTH_OIDC_CLIENT_ID && raw.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: raw.AUTH_OIDC_ISSUER,
            clientId: raw.AUTH_OIDC_CLIENT_ID,
            clientSecret: raw.AUTH_OIDC_CLIENT_SECRET,
            requireMfa: raw.AUTH_OIDC_REQUIRE_MFA,
            acr: raw.AUTH_OIDC_ACR,
          }
        : undefined,
    // The demo stays one step; a console on a real Artemis asks everyone for a second factor.
    mfa: { required: raw.MFA_REQUIRED ?? (demoMode ? 'off' : 'all'), stepUpMinutes: raw.STEP_UP_MINUTES, passwordSignIn: raw.PASSWORD_SIGN_IN },
    evidenceDocumentsPer10Minutes: raw.EVIDENCE_DOCUMENTS_PER_10_MINUTES,
    reviewSlaHours: raw.REVIEW_SLA_HOURS,
    thresholds: {
      pass: raw.LIVENESS_PASS_THRESHOLD,
      fail: raw.LIVENESS_FAIL_THRESHOLD,
      faceAttributeMinConfidence: raw.FACE_ATTRIBUTE_MIN_CONFIDENCE,
    },
    callbackSecret: raw.ARTEMIS_CALLBACK_SECRET,
    sync: { intervalSeconds: raw.SYNC_INTERVAL_SECONDS, concurrency: raw.SYNC_CONCURRENCY, delayMs: raw.SYNC_DELAY_MS },
    fourEyes: raw.FOUR_EYES,
    qaSamplePercent: raw.QA_SAMPLE_PERCENT,
    port: raw.PORT,
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    demoSeedPostgres: raw.DEMO_SEED_POSTGRES,
    logLevel: raw.LOG_LEVEL ?? 'info',
    metricsToken: raw.METRICS_TOKEN,
    shutdownGraceSeconds: raw.SHUTDOWN_GRACE_SECONDS,
    consoleHandlesSignals: raw.NEXT_MANUAL_SIG_HANDLE !== undefined && raw.NEXT_MANUAL_SIG_HANDLE !== 'false',
    development: raw.NODE_ENV === 'development',
  };
}

/** SMTP_URL and MAIL_FROM go together; demo mode defaults to the sandbox's mail catcher on `catcherPort`. */
function mailSettings(smtpUrl: string | undefined, from: string | undefined, catcherPort: number | undefined): Env['mail'] {
  if (smtpUrl && !from) throw new ConfigError('MAIL_FROM', 'is required when SMTP_URL is set');
  if (from && !smtpUrl && catcherPort === undefined) throw new ConfigError('SMTP_URL', 'is required when MAIL_FROM is set');
  if (smtpUrl) return { smtpUrl, from: from! };
  return catcherPort === undefined ? undefined : { smtpUrl: `smtp://127.0.0.1:${catcherPort}`, from: from ?? 'Liveness Review Console <console@demo.invalid>' };
}

/** Demo mode only: a random secret kept under the data folder so sessions survive restarts. */
function demoAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function checkEd25519PrivateKey(pem: string): void {
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    throw new ConfigError('EVIDENCE_SIGNING_KEY', 'is not a private key in PEM form (openssl genpkey -algorithm ed25519)');
  }
  if (type !== 'ed25519') throw new ConfigError('EVIDENCE_SIGNING_KEY', `must be an Ed25519 key, not ${type ?? 'an unknown type'}`);
}

/** Demo mode only: an Ed25519 key kept under the data folder, so packs verify across restarts. */
function demoSigningKey(dataDir: string): string {
  const file = path.join(dataDir, 'evidence-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

let cached: Env | undefined;

/** The configuration of this process, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
