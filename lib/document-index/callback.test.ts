import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import type { ArtemisClient } from '@/lib/artemis/client';
import { createTestDatabase, type TestDatabase } from '@/testing/db';
import { sandboxArtemisClient } from '@/testing/sandbox';
import { secretMatches } from '@/lib/security/secret-match';
import { receiveCustomerStatusCallback, type CallbackDeps } from './callback';
import { syncCustomer } from './sync';

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const SECRET = 'callback-secret-0123456789';
let sandbox: Sandbox;
let artemis: ArtemisClient;
let t: TestDatabase;
let tasks: (() => Promise<void>)[];
let resynced: number[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  artemis = sandboxArtemisClient(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
  tasks = [];
  resynced = [];
});
afterEach(() => t.cleanup());

const deps = (...secret: [string | undefined] | []): CallbackDeps => ({
  configuredSecret: secret.length === 0 ? SECRET : secret[0],
  schedule: (task) => void tasks.push(task),
  resync: async (customerId) => {
    resynced.push(customerId);
    await syncCustomer(t.db, artemis, THRESHOLDS, customerId);
  },
});

const body = {
  customerId: 1003,
  customerReferenceId: 'CUST-2025-0003',
  profileReferenceId: 'PRF-73009',
  status: 'PENDING',
  riskRating: 'HIGH',
  action: 'UPDATE',
  message: null,
  customerType: 'INDIVIDUAL',
};

const call = (secret: string, payload: unknown = body, method = 'POST', d = deps()) =>
  receiveCustomerStatusCallback(
    new Request(`http://localhost/api/artemis/callback/${secret}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    }),
    secret,
    d,
  );

const runTasks = async () => {
  for (const task of tasks.splice(0)) await task();
};
const indexRows = () => t.db.selectFrom('document_index').select(['customer_id', 'document_id', 'needs_review', 'flags_json']).orderBy('document_id').execute();

describe('Artemis callback receiver', () => {
  it('is off (404) when ARTEMIS_CALLBACK_SECRET is unset, whatever the path', async () => {
    const res = await call(SECRET, body, 'POST', deps(undefined));
    expect(res.status).toBe(404);
    expect(tasks).toHaveLength(0);
  });

  it('answers 404 to a wrong secret and changes nothing', async () => {
    for (const wrong of ['nope', `${SECRET}x`, SECRET.slice(0, -1), SECRET.toUpperCase()]) {
      const res = await call(wrong);
      expect(res.status).toBe(404);
    }
    expect(tasks).toHaveLength(0);
    expect(await indexRows()).toEqual([]);
  });

  it('accepts POST, PUT and PATCH with 202 before re-reading, then indexes the customer’s documents', async () => {
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const res = await call(SECRET, body, method);
      expect(res.status).toBe(202);
    }
    expect(resynced).toEqual([]);
    await runTasks();
    expect(resynced).toEqual([1003, 1003, 1003]);
    const rows = await indexRows();
    expect(rows.map((r) => Number(r.document_id))).toEqual([5005]);
    expect(rows[0]!.needs_review).toBe(1);
  });

  it('is idempotent: the same call twice leaves the same index', async () => {
    await call(SECRET);
    await runTasks();
    const once = await indexRows();
    await call(SECRET);
    await call(SECRET);
    await runTasks();
    expect(await indexRows()).toEqual(once);
  });

  it('validates the body: customerId required; unknown enum values and extra fields tolerated', async () => {
    expect((await call(SECRET, { ...body, customerId: undefined })).status).toBe(400);
    expect((await call(SECRET, { ...body, customerId: -4 })).status).toBe(400);
    expect((await call(SECRET, 'not json')).status).toBe(400);
    const res = await call(SECRET, { customerId: 1004, status: 'SOME_NEW_STATUS', riskRating: 'EXTREME', action: 'MERGE', extra: { a: 1 } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true, customerId: 1004 });
  });

  it('refuses a body past 64 kB whether or not it declares its length, reading no further than the limit', async () => {
    const big = JSON.stringify({ ...body, message: 'x'.repeat(70 * 1024) });
    expect((await call(SECRET, big)).status).toBe(413);
    // Chunked: no Content-Length, and a stream that would go on for a megabyte.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        if (pulled > 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const request = new Request(`http://localhost/api/artemis/callback/${SECRET}`, { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    expect((await receiveCustomerStatusCallback(request, SECRET, deps())).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(96 * 1024);
    expect(tasks).toHaveLength(0);
  });

  it('compares secrets by digest', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches('', SECRET)).toBe(false);
    expect(secretMatches(`${SECRET} `, SECRET)).toBe(false);
  });
});
