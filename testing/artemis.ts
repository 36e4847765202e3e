// Test helpers for lib/artemis's tests: a fake `fetch` (no network), fixtures, and a client on them.
import { createArtemisClient } from '@/lib/artemis/client';
import type { FetchLike } from '@/lib/artemis/token-provider';
import type { Env } from '@/lib/env';

export const TEST_CONFIG: Env['artemis'] = {
  apiUrl: 'https://api.artemis.test/base',
  tokenUrl: 'https://auth.artemis.test/oauth/token',
  clientId: 'client-id-1',
  clientSecret: 'super-secret-value-XYZ',
  domainId: '4242',
  timeoutMs: 1_000,
};

export interface RecordedCall {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export type FakeFetch = FetchLike & { calls: RecordedCall[] };

export function fakeFetch(handler: Handler): FakeFetch {
  const calls: RecordedCall[] = [];
  const fn = async (url: string, init: RequestInit): Promise<Response> => {
    const call: RecordedCall = {
      url: new URL(url),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    return handler(call);
  };
  return Object.assign(fn, { calls });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function status(code: number, headers: Record<string, string> = {}): Response {
  return new Response(code === 204 ? null : `{"error":"status ${code}"}`, {
    status: code,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Rejects like undici does when the request's AbortSignal.timeout fires. */
export function hangUntilAborted(call: RecordedCall): Promise<Response> {
  return new Promise((_resolve, reject) => {
    const signal = call.signal;
    if (!signal) return;
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export function networkError(): never {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
}

/**
 * A fake Artemis: the token endpoint issues tok-1, tok-2, … and every other URL goes to `api`.
 */
export function fakeArtemis(api: Handler, opts: { expiresIn?: number } = {}) {
  let issued = 0;
  const tokenCalls: RecordedCall[] = [];
  const apiCalls: RecordedCall[] = [];
  const fetch = fakeFetch((call) => {
    if (call.url.href === TEST_CONFIG.tokenUrl) {
      tokenCalls.push(call);
      issued++;
      return json({ access_token: `tok-${issued}`, token_type: 'bearer', expires_in: opts.expiresIn ?? 3600 });
    }
    apiCalls.push(call);
    return api(call);
  });
  return { fetch, tokenCalls, apiCalls };
}

/** A sleep that records requested delays and returns at once. */
export function fakeSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { sleep, delays };
}

export function recordingLogger() {
  const entries: { level: 'info' | 'warn'; obj: Record<string, unknown>; msg?: string }[] = [];
  return {
    entries,
    logger: {
      info(obj: Record<string, unknown>, msg?: string) {
        entries.push({ level: 'info', obj, msg });
      },
      warn(obj: Record<string, unknown>, msg?: string) {
        entries.push({ level: 'warn', obj, msg });
      },
    },
  };
}

/** A document as the liveness PUT returns it, with unknown fields at several levels. */
export function sampleDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 77,
    customerId: 12,
    type: 'PASSPORT',
    number: 'E1234567',
    issueDate: '2020-01-15',
    expiryDate: '2030-01-14',
    front: 'data:image/png;base64,iVBORw0KGgo=',
    createdAt: '2024-05-01T08:00:00Z',
    updatedAt: { time: 1714550400000, date: 1, day: 3, month: 4, year: 124, hours: 8, minutes: 0, seconds: 0, nanos: 0, timezoneOffset: 0 },
    vendorExtra: { nested: [1, 2, { deep: true }] },
    liveness: {
      conclusion: false,
      facialCheck: true,
      livenessResult: false,
      liivenessConfidence: 42,
      referenceImage: 'aGVsbG8=',
      auditImages: '["aGVsbG8=","d29ybGQ="]',
      sessionId: 'abc-123',
      faceDetails: {
        eyesClosed: { value: false, confidence: 97, extraScore: 0.5 },
        sunglasses: { value: true, confidence: 61 },
        faceOccluded: { value: false, confidence: 88 },
        mouthOpen: { value: false, confidence: 99 },
      },
    },
    ...overrides,
  };
}

export function clientWithFakeArtemis(api: Handler) {
  const artemis = fakeArtemis(api);
  const { sleep } = fakeSleep();
  const log = recordingLogger();
  const client = createArtemisClient(TEST_CONFIG, { fetch: artemis.fetch, sleep, random: () => 0, logger: log.logger });
  return { ...artemis, client, log };
}

/** A JSON answer written as text, so that numbers past 2^53 reach the client as Artemis sent them. */
export function rawJson(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
}

export const unreadableWarnings = (t: ReturnType<typeof clientWithFakeArtemis>) =>
  t.log.entries.filter((e) => e.level === 'warn' && e.msg?.includes('cannot read'));

/** Routes by "METHOD path" (path below the API base). */
export function routes(table: Record<string, (call: RecordedCall) => Response>): Handler {
  return (call) => {
    const path = call.url.pathname.replace(/^\/base/, '');
    const route = table[`${call.method} ${path}`];
    return route ? route(call) : status(404);
  };
}

export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
