import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTimeout, timeoutSignal } from './token-provider';
import { bufferedRequest } from './undici-request';

let server: Server;
let base: string;
const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/json') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
        res.end(JSON.stringify({ échec: 'ünïcode', n: 1 }));
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/json' }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 500);
      } else {
        res.writeHead(503, { 'retry-after': '2' }).end('busy');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('bufferedRequest', () => {
  it('sends method, headers and body, and answers like fetch', async () => {
    const res = await bufferedRequest(`${base}/json`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Request-ID': 'r1' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('x-absent')).toBeNull();
    expect(JSON.parse(res.text)).toEqual({ échec: 'ünïcode', n: 1 });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: '{"a":1}', headers: { 'x-request-id': 'r1', 'content-type': 'application/json' } });
  });

  it('passes error statuses and their headers through, and empty answers', async () => {
    const busy = await bufferedRequest(`${base}/busy`, { method: 'GET', headers: {} });
    expect([busy.status, busy.headers.get('retry-after'), busy.text]).toEqual([503, '2', 'busy']);
    const empty = await bufferedRequest(`${base}/empty`, { method: 'GET', headers: {} });
    expect([empty.status, empty.text]).toEqual([204, '']);
  });

  it('does not follow redirects', async () => {
    const res = await bufferedRequest(`${base}/moved`, { method: 'GET', headers: {} });
    expect(res.status).toBe(302);
  });

  it('gives up when the signal times out, as a timeout', async () => {
    const timeout = timeoutSignal(50);
    const error = await bufferedRequest(`${base}/slow`, { method: 'GET', headers: {}, signal: timeout.signal }).catch((e: unknown) => e);
    expect(isTimeout(error, timeout.signal)).toBe(true);
  });

  it('a cleared timeout never aborts', async () => {
    const timeout = timeoutSignal(20);
    timeout.clear();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timeout.signal.aborted).toBe(false);
  });

  it('fails as a network error when nothing listens', async () => {
    const error = await bufferedRequest('http://127.0.0.1:1/none', { method: 'GET', headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isTimeout(error)).toBe(false);
  });
});
