import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddress, SOCKET_ADDRESS_HEADER, stampSocketAddress } from './client-address';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('clientAddress', () => {
  it('with no trusted proxy is the socket address, whatever X-Forwarded-For says', () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: '192.0.2.10', 'x-forwarded-for': '203.0.113.7, 198.51.100.1' });
    expect(clientAddress(h, 0)).toBe('192.0.2.10');
  });

  it('behind N proxies is the N-th entry from the right, never the leftmost the client wrote', () => {
    const h = headers({ [SOCKET_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': 'spoofed-by-client, 203.0.113.7, 10.0.0.1' });
    expect(clientAddress(h, 1)).toBe('10.0.0.1');
    expect(clientAddress(h, 2)).toBe('203.0.113.7');
  });

  it('falls back to the socket when fewer proxies appended than are configured', () => {
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: '192.0.2.10', 'x-forwarded-for': '203.0.113.7' }), 2)).toBe('192.0.2.10');
    expect(clientAddress(headers({}), 0)).toBe('unknown');
  });
});

describe('stampSocketAddress', () => {
  it('writes the peer address over a header a client sent under that name', async () => {
    class StampedServer extends (createServer().constructor as typeof Server) {}
    stampSocketAddress(StampedServer);
    const seen: string[] = [];
    const server = new StampedServer((req, res) => {
      seen.push(String(req.headers[SOCKET_ADDRESS_HEADER]));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [SOCKET_ADDRESS_HEADER]: '6.6.6.6' } });
      expect(seen).toEqual(['127.0.0.1']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
