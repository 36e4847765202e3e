import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createArtemisClient } from './client';
import { isPublicAddress, publicOnlyLookup, resolvesToPublicAddresses } from './binary';
import { ArtemisError } from './errors';
import { fakeArtemis, hangUntilAborted, networkError, TEST_CONFIG, type Handler } from '@/testing/artemis';

const png = (size = 16) => new Uint8Array(size).fill(7);
const image = (bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  new Response(bytes, { status: 200, headers: { 'content-type': 'image/png', ...headers } });

function setup(api: Handler, isPublicHost: (hostname: string) => Promise<boolean> = async () => true) {
  const artemis = fakeArtemis(api);
  const client = createArtemisClient(TEST_CONFIG, { fetch: artemis.fetch, isPublicHost });
  return { ...artemis, client };
}

const req = (url: string, maxBytes = 1024) => ({ url, maxBytes, accept: 'image/png' });

describe('isPublicAddress', () => {
  it('accepts globally routable unicast addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses every special-use range, the ones a hand-kept list missed included', () => {
    const special = [
      '198.18.0.1', // benchmarking 198.18.0.0/15
      '198.19.255.254',
      '240.0.0.1', // reserved 240.0.0.0/4
      '255.255.255.255',
      '0.0.0.0',
      '192.0.2.1', // documentation
      '224.0.0.1', // multicast
      '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
      '2002:7f00:1::', // 6to4 of 127.0.0.1
      '::7f00:1', // IPv4-compatible ::/96
      '::a9fe:a9fe',
      '2001::1', // Teredo
      '2001:db8::1', // documentation
      '::ffff:127.0.0.1',
      '::ffff:8.8.8.8', // IPv4-mapped: never a real host's AAAA record
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '10.1.2.3',
      '172.31.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.169.254',
      'not an address',
    ];
    for (const address of special) expect(isPublicAddress(address), address).toBe(false);
  });
});

describe('resolvesToPublicAddresses', () => {
  const resolver = (addresses: { address: string; family: number }[]) => (async () => addresses) as unknown as typeof import('node:dns/promises').lookup;

  it('refuses a name that resolves into the private network, whatever the name looks like', async () => {
    expect(await resolvesToPublicAddresses('images.example.com', resolver([{ address: '93.184.216.34', family: 4 }]))).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.0.9', '172.20.0.1', '100.64.1.1']) {
      expect(await resolvesToPublicAddresses('innocent.example.com', resolver([{ address, family: 4 }]))).toBe(false);
    }
    expect(await resolvesToPublicAddresses('v6.example.com', resolver([{ address: '::1', family: 6 }]))).toBe(false);
    expect(await resolvesToPublicAddresses('v6.example.com', resolver([{ address: 'fd00::1', family: 6 }]))).toBe(false);
    expect(
      await resolvesToPublicAddresses(
        'mixed.example.com',
        resolver([
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
      ),
    ).toBe(false);
    expect(await resolvesToPublicAddresses('10.0.0.8')).toBe(false);
    expect(await resolvesToPublicAddresses('mapped.example.com', resolver([{ address: '::ffff:127.0.0.1', family: 6 }]))).toBe(false);
  });
});

describe('publicOnlyLookup', () => {
  type Answer = { address: string; family: number }[];
  const resolver = (addresses: Answer) => ((_host: string, _options: unknown, callback: (e: null, a: Answer) => void) => callback(null, addresses)) as never;
  const lookupWith = (addresses: Answer, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      publicOnlyLookup(resolver(addresses))('images.example.com', { all }, (error, address) => resolve({ error, address })),
    );

  it('hands the connection only public addresses, in both lookup forms', async () => {
    expect(await lookupWith([{ address: '93.184.216.34', family: 4 }], false)).toEqual({ error: null, address: '93.184.216.34' });
    expect(await lookupWith([{ address: '93.184.216.34', family: 4 }], true)).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }] });
    for (const answer of [
      [{ address: '127.0.0.1', family: 4 }],
      [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
      [{ address: '::ffff:192.168.1.1', family: 6 }],
      [],
    ]) {
      const { error } = await lookupWith(answer, true);
      expect(error?.code).toBe('EPRIVATEADDRESS');
    }
  });
});

describe('fetchImage', () => {
  it('does not connect to a host whose name turns private after the check (DNS rebinding)', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(png()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://localhost:${(server.address() as AddressInfo).port}/a.png`;
    try {
      // The check is told the name is public, as a rebinding name first answers; the connection resolves it again.
      const pinned = createArtemisClient(TEST_CONFIG, { isPublicHost: async () => true });
      await expect(pinned.fetchImage(req(url))).rejects.toMatchObject({ kind: 'network' });
      expect(requests).toHaveLength(0);

      // The same fetch without the pinned lookup reaches the private server.
      const unpinned = createArtemisClient(TEST_CONFIG, { isPublicHost: async () => true, imageHostFetch: (u, init) => fetch(u, init) });
      expect((await unpinned.fetchImage(req(url))).bytes).toEqual(png());
      expect(requests).toEqual(['/a.png']);
    } finally {
      server.close();
    }
  });

  it('never fetches from a host outside Artemis that is not public', async () => {
    const t = setup(
      () => image(png()),
      async () => false,
    );
    await expect(t.client.fetchImage(req('https://rebinding.example.com/a.png'))).rejects.toBeInstanceOf(ArtemisError);
    expect(t.apiCalls).toHaveLength(0);
  });

  it('sends the bearer token and domain only to the Artemis API origin', async () => {
    const t = setup(() => image(png()));
    const own = await t.client.fetchImage(req('https://api.artemis.test/files/a.png'));
    expect(own.bytes).toEqual(png());
    expect(own.contentType).toBe('image/png');
    expect(t.apiCalls[0]!.headers.get('authorization')).toBe('Bearer tok-1');
    expect(t.apiCalls[0]!.headers.get('x-domain-id')).toBe(TEST_CONFIG.domainId);

    await t.client.fetchImage(req('https://cdn.example.com/a.png'));
    expect(t.apiCalls[1]!.headers.get('authorization')).toBeNull();
    expect(t.apiCalls[1]!.headers.get('x-domain-id')).toBeNull();
    expect(t.tokenCalls).toHaveLength(1);
  });

  it('retries a 401 from Artemis once with a fresh token', async () => {
    let n = 0;
    const t = setup(() => (++n === 1 ? new Response('', { status: 401 }) : image(png())));
    await t.client.fetchImage(req('https://api.artemis.test/files/a.png'));
    expect(t.apiCalls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const declared = setup(() => image(png(10), { 'content-length': '5000' }));
    await expect(declared.client.fetchImage(req('https://cdn.example.com/a.png', 100))).rejects.toMatchObject({ kind: 'invalid-response' });
    const streamed = setup(() => new Response(new Blob([png(200)]).stream(), { headers: { 'content-type': 'image/png' } }));
    await expect(streamed.client.fetchImage(req('https://cdn.example.com/a.png', 100))).rejects.toBeInstanceOf(ArtemisError);
  });

  it('maps statuses, network errors and timeouts to ArtemisError', async () => {
    const missing = setup(() => new Response('', { status: 404 }));
    await expect(missing.client.fetchImage(req('https://cdn.example.com/a.png'))).rejects.toMatchObject({ kind: 'not-found', status: 404 });
    expect((missing.apiCalls[0] as unknown as { signal: AbortSignal }).signal).toBeDefined();
    const down = setup(() => networkError());
    await expect(down.client.fetchImage(req('https://cdn.example.com/a.png'))).rejects.toMatchObject({ kind: 'network' });
    const slow = createArtemisClient({ ...TEST_CONFIG, timeoutMs: 20 }, { fetch: fakeArtemis(hangUntilAborted).fetch, isPublicHost: async () => true });
    await expect(slow.fetchImage(req('https://cdn.example.com/a.png'))).rejects.toMatchObject({ kind: 'timeout' });
  });
});
