import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './index';

const realTenant = {
  ARTEMIS_API_URL: 'https://artemis.example.com',
  ARTEMIS_TOKEN_URL: 'https://artemis.example.com/oauth/token',
  ARTEMIS_CLIENT_ID: 'console',
  ARTEMIS_CLIENT_SECRET: 'client-secret',
  ARTEMIS_DOMAIN_ID: '42',
  AUTH_SECRET: 'x'.repeat(40),
  EVIDENCE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};

function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv: authentication configuration', () => {
  it('refuses to start against a real tenant without AUTH_SECRET, naming the variable', () => {
    const error = configError({ ...realTenant, AUTH_SECRET: undefined });
    expect(error.variable).toBe('AUTH_SECRET');
    expect(error.message).toBe('Invalid configuration: AUTH_SECRET is required when ARTEMIS_API_URL is set');
  });

  it('refuses a short AUTH_SECRET', () => {
    expect(configError({ ...realTenant, AUTH_SECRET: 'short' }).variable).toBe('AUTH_SECRET');
  });

  it('generates a secret only in demo mode', () => {
    const env = parseEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'env-')) });
    expect(env.demoMode).toBe(true);
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('session limits default to 30 minutes idle and 8 hours absolute, and are configurable', () => {
    expect(parseEnv(realTenant).session).toEqual({ idleSeconds: 30 * 60, maxSeconds: 8 * 3600 });
    expect(parseEnv({ ...realTenant, SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '1' }).session).toEqual({
      idleSeconds: 300,
      maxSeconds: 3600,
    });
    expect(configError({ ...realTenant, SESSION_IDLE_MINUTES: '0' }).variable).toBe('SESSION_IDLE_MINUTES');
    expect(configError({ ...realTenant, SESSION_MAX_HOURS: 'soon' }).variable).toBe('SESSION_MAX_HOURS');
    expect(configError({ ...realTenant, SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' }).variable).toBe('SESSION_IDLE_MINUTES');
  });

  it('QA_SAMPLE_PERCENT defaults to 2 and is a share from 0 to 100', () => {
    expect(parseEnv(realTenant).qaSamplePercent).toBe(2);
    expect(parseEnv({ ...realTenant, QA_SAMPLE_PERCENT: '0.5' }).qaSamplePercent).toBe(0.5);
    expect(configError({ ...realTenant, QA_SAMPLE_PERCENT: '150' }).message).toBe('Invalid configuration: QA_SAMPLE_PERCENT must be a number from 0 to 100');
  });

  it('ALLOWED_ORIGINS is a list of host names, never null or a bare wildcard', () => {
    expect(parseEnv(realTenant).allowedOrigins).toEqual([]);
    expect(parseEnv({ ...realTenant, ALLOWED_ORIGINS: 'Console.Example.com, *.proxy.example:8443' }).allowedOrigins).toEqual([
      'console.example.com',
      '*.proxy.example:8443',
    ]);
    for (const bad of ['null', '*', 'https://console.example.com', 'a b']) {
      expect(configError({ ...realTenant, ALLOWED_ORIGINS: bad }).variable).toBe('ALLOWED_ORIGINS');
    }
  });

  it('single sign-on needs all three AUTH_OIDC_ variables or none', () => {
    expect(parseEnv(realTenant).oidc).toBeUndefined();
    const oidc = { AUTH_OIDC_ISSUER: 'https://idp.example.com/', AUTH_OIDC_CLIENT_ID: 'console', AUTH_OIDC_CLIENT_SECRET: 's3cret' };
    expect(parseEnv({ ...realTenant, ...oidc }).oidc).toEqual({
      issuer: 'https://idp.example.com/',
      clientId: 'console',
      clientSecret: 's3cret',
      requireMfa: false,
      acr: undefined,
    });
    expect(configError({ ...realTenant, ...oidc, AUTH_OIDC_CLIENT_SECRET: '' }).message).toBe(
      'Invalid configuration: AUTH_OIDC_CLIENT_SECRET is required when AUTH_OIDC_ISSUER is set',
    );
    expect(configError({ ...realTenant, AUTH_OIDC_ISSUER: 'idp.example.com' }).variable).toBe('AUTH_OIDC_ISSUER');
  });
});

describe('parseEnv: second factors', () => {
  it('MFA_REQUIRED is all against a real Artemis and off in demo mode, unless set; other values stop start-up', () => {
    expect(parseEnv(realTenant).mfa).toEqual({ required: 'all', stepUpMinutes: 15, passwordSignIn: true });
    expect(parseEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lrc-env-')) }).mfa.required).toBe('off');
    expect(parseEnv({ ...realTenant, MFA_REQUIRED: 'admins' }).mfa.required).toBe('admins');
    expect(configError({ ...realTenant, MFA_REQUIRED: 'some' }).variable).toBe('MFA_REQUIRED');
    expect(parseEnv({ ...realTenant, STEP_UP_MINUTES: '5' }).mfa.stepUpMinutes).toBe(5);
    expect(configError({ ...realTenant, STEP_UP_MINUTES: '0' }).variable).toBe('STEP_UP_MINUTES');
  });

  it('PASSWORD_SIGN_IN=off needs single sign-on; the amr/acr rule needs it too', () => {
    const oidc = { AUTH_OIDC_ISSUER: 'https://idp.example.com/', AUTH_OIDC_CLIENT_ID: 'console', AUTH_OIDC_CLIENT_SECRET: 's3cret' };
    expect(configError({ ...realTenant, PASSWORD_SIGN_IN: 'off' }).message).toBe(
      'Invalid configuration: PASSWORD_SIGN_IN can be off only with single sign-on configured (AUTH_OIDC_ISSUER)',
    );
    expect(parseEnv({ ...realTenant, ...oidc, PASSWORD_SIGN_IN: 'off' }).mfa.passwordSignIn).toBe(false);
    expect(configError({ ...realTenant, AUTH_OIDC_REQUIRE_MFA: 'true' }).variable).toBe('AUTH_OIDC_REQUIRE_MFA');
    expect(parseEnv({ ...realTenant, ...oidc, AUTH_OIDC_REQUIRE_MFA: 'true', AUTH_OIDC_ACR: 'phr' }).oidc).toMatchObject({ requireMfa: true, acr: 'phr' });
    expect(configError({ ...realTenant, ...oidc, AUTH_OIDC_REQUIRE_MFA: 'yes' }).variable).toBe('AUTH_OIDC_REQUIRE_MFA');
  });
});

describe('parseEnv: operations', () => {
  it('metrics are off without METRICS_TOKEN, and a short token stops start-up', () => {
    expect(parseEnv(realTenant).metricsToken).toBeUndefined();
    expect(parseEnv({ ...realTenant, METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
    expect(configError({ ...realTenant, METRICS_TOKEN: 'short' }).variable).toBe('METRICS_TOKEN');
  });

  it('mail needs SMTP_URL and MAIL_FROM together; demo mode mails its own catcher; webhook hosts need a port', () => {
    expect(parseEnv(realTenant).mail).toBeUndefined();
    expect(parseEnv({ ...realTenant, SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'console@example.com' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      from: 'console@example.com',
    });
    expect(configError({ ...realTenant, SMTP_URL: 'smtp://mail.example.com' }).variable).toBe('MAIL_FROM');
    expect(configError({ ...realTenant, MAIL_FROM: 'console@example.com' }).variable).toBe('SMTP_URL');
    expect(configError({ ...realTenant, SMTP_URL: 'https://mail.example.com', MAIL_FROM: 'x@example.com' }).variable).toBe('SMTP_URL');
    expect(parseEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lrc-env-')) }).mail?.smtpUrl).toBe('smtp://127.0.0.1:4011');
    expect(parseEnv({ ...realTenant, WEBHOOK_ALLOWED_HOSTS: 'hooks.internal:8443, 10.0.0.5:80' }).webhookAllowedHosts).toEqual([
      'hooks.internal:8443',
      '10.0.0.5:80',
    ]);
    expect(configError({ ...realTenant, WEBHOOK_ALLOWED_HOSTS: 'hooks.internal' }).variable).toBe('WEBHOOK_ALLOWED_HOSTS');
  });

  it('the shutdown grace period defaults to 30 s and is bounded', () => {
    expect(parseEnv(realTenant).shutdownGraceSeconds).toBe(30);
    expect(parseEnv({ ...realTenant, SHUTDOWN_GRACE_SECONDS: '5' }).shutdownGraceSeconds).toBe(5);
    expect(configError({ ...realTenant, SHUTDOWN_GRACE_SECONDS: '3600' }).variable).toBe('SHUTDOWN_GRACE_SECONDS');
  });

  it('a server actions key must be a base64 AES key', () => {
    expect(() => parseEnv({ ...realTenant, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).not.toThrow();
    expect(configError({ ...realTenant, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'not a key' }).variable).toBe('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY');
    expect(configError({ ...realTenant, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString('base64') }).variable).toBe(
      'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
    );
  });
});

describe('parseEnv: the evidence signing key', () => {
  it('is required against a real tenant, and on a shared database in demo mode', () => {
    expect(configError({ ...realTenant, EVIDENCE_SIGNING_KEY: undefined }).message).toBe(
      'Invalid configuration: EVIDENCE_SIGNING_KEY is required when ARTEMIS_API_URL is set',
    );
    const shared = { DATABASE_URL: 'postgres://127.0.0.1/test', AUTH_SECRET: 'x'.repeat(40) };
    expect(configError(shared).message).toBe('Invalid configuration: EVIDENCE_SIGNING_KEY is required when DATABASE_URL is set');
  });

  it('refuses a key that is not an Ed25519 private key in PEM form', () => {
    expect(configError({ ...realTenant, EVIDENCE_SIGNING_KEY: 'not a key' }).message).toMatch(/EVIDENCE_SIGNING_KEY is not a private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(configError({ ...realTenant, EVIDENCE_SIGNING_KEY: rsa }).message).toMatch(/must be an Ed25519 key, not rsa/);
  });

  it('takes a PEM whose line breaks are written as \\n', () => {
    const oneLine = realTenant.EVIDENCE_SIGNING_KEY.replaceAll('\n', '\\n');
    expect(parseEnv({ ...realTenant, EVIDENCE_SIGNING_KEY: oneLine }).evidenceSigningKey).toBe(realTenant.EVIDENCE_SIGNING_KEY);
  });

  it('is generated once and kept under the data folder in demo mode', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'env-'));
    const first = parseEnv({ DATA_DIR: dataDir }).evidenceSigningKey;
    expect(existsSync(path.join(dataDir, 'evidence-signing-key.pem'))).toBe(true);
    expect(parseEnv({ DATA_DIR: dataDir }).evidenceSigningKey).toBe(first);
  });
});
