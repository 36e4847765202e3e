import { describe, expect, it } from 'vitest';
import { aboutFacts } from './index';
import type { Env } from '@/lib/env';

const env = {
  demoMode: false,
  artemis: {
    apiUrl: 'https://user:pw@artemis.example.test/api',
    tokenUrl: 'https://auth.example.test/token',
    clientId: 'client-x',
    clientSecret: 'client-secret-value',
    domainId: '4242',
    timeoutMs: 1000,
  },
  databaseUrl: 'postgres://console:db-password@db.internal/console',
  authSecret: 'auth-secret-value-0123456789abcdef',
  session: { idleSeconds: 1800, maxSeconds: 28_800 },
  oidc: { issuer: 'https://idp.example.test', clientId: 'sso-client', clientSecret: 'sso-secret-value' },
  callbackSecret: 'callback-secret-value',
  thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
  sync: { intervalSeconds: 0, concurrency: 4, delayMs: 0 },
  fourEyes: 'risky',
  mfa: { required: 'all', stepUpMinutes: 15, passwordSignIn: true },
} as unknown as Env;

describe('about facts', () => {
  it('say which tenant, database and policy are in force without a secret, credential or URL path', () => {
    const text = JSON.stringify(aboutFacts(env));
    for (const secret of [
      'pw',
      'client-secret-value',
      'db-password',
      'db.internal',
      'auth-secret',
      'sso-secret',
      'callback-secret',
      'client-x',
      '4242',
      '/api',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(aboutFacts(env)).toEqual(
      expect.arrayContaining([
        { label: 'Artemis', value: 'artemis.example.test' },
        { label: 'Database', value: 'PostgreSQL' },
        { label: 'Four eyes', value: 'risky' },
        { label: 'Single sign-on', value: 'on' },
        { label: 'Second factor required', value: 'for everyone' },
        { label: 'Session limits', value: '30 minutes idle, 8 hours in all' },
      ]),
    );
  });
});
