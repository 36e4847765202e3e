import type { IncomingMessage } from 'node:http';

/**
 * The TCP peer of each request, written by the server itself over whatever a client sent under
 * this name (see `stampSocketAddress`): Next's request objects do not carry the socket.
 */
export const SOCKET_ADDRESS_HEADER = 'x-console-socket-address';

const MAX_LENGTH = 64;

/**
 * Who is signing in, for the throttle and the trail. With no proxy in front (`hops` 0) it is the
 * socket's peer. Behind `hops` proxies that each append the address they were reached from to
 * X-Forwarded-For, it is the entry the first of them appended: the `hops`-th from the right.
 * Anything left of that was written by the client and is never trusted.
 */
export function clientAddress(headers: Pick<Headers, 'get'>, hops: number): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER)?.trim() || 'unknown';
  if (hops === 0) return socket.slice(0, MAX_LENGTH);
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through them all; trust only the socket.
  const client = chain.length >= hops ? chain[chain.length - hops]! : socket;
  return client.slice(0, MAX_LENGTH);
}

const STAMPED = Symbol.for('liveness-review-console.socket-address-stamped');

/** Makes a server class write each request's socket address into SOCKET_ADDRESS_HEADER. */
export function stampSocketAddress(serverClass: { prototype: { emit(event: string | symbol, ...args: unknown[]): boolean } }): void {
  const proto = serverClass.prototype as { emit(event: string | symbol, ...args: unknown[]): boolean } & Record<symbol, unknown>;
  if (proto[STAMPED]) return;
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  };
  proto[STAMPED] = true;
}
