// The sandbox's own tests: one sandbox per test file, reset before each test, and the calls a
// client makes to it.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startSandbox, type Sandbox } from './server';

export const DOMAIN = '4242';

export function sandboxForTests() {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    expect(res.status).toBe(204);
  });

  function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
  }

  async function getToken(): Promise<string> {
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: 'sandbox-client', client_secret: 'sandbox-secret' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function api(path: string, init: RequestInit & { token?: string; domain?: string } = {}) {
    const { token, domain, headers, ...rest } = init;
    return fetch(`${sandbox.url}${path}`, {
      ...rest,
      headers: {
        authorization: `Bearer ${token ?? (await getToken())}`,
        'x-domain-id': domain ?? DOMAIN,
        ...(rest.body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
    });
  }

  function control(path: string, method = 'GET', body?: unknown) {
    return fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  return { sandbox: () => sandbox, tokenRequest, getToken, api, control };
}

export const docPath = (c: { customerId: number; documentId: number }) => `/api/customer/${c.customerId}/document/${c.documentId}`;
