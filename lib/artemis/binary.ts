import 'server-only';
import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Env } from '@/lib/env';
import { ArtemisError } from './errors';
import {
  isTimeout,
  noopLogger,
  sanitizeCause,
  statusOutcome,
  timeoutSignal,
  type ArtemisCallObserver,
  type ArtemisLogger,
  type FetchLike,
  type TokenProvider,
} from './token-provider';

export interface BinaryResult {
  status: number;
  contentType: string;
  bytes: Uint8Array;
  requestId: string;
}

export interface BinaryRequest {
  /** Absolute URL, already vetted by the caller (lib/evidence). */
  url: string;
  maxBytes: number;
  /** Value of the Accept header. */
  accept: string;
}

const OPERATION = 'fetchEvidenceImage';

/**
 * Only a globally routable unicast address is the internet. ipaddr.js names every special-use
 * block (private, loopback, link-local, carrier-grade NAT, benchmarking, reserved, multicast,
 * IPv4-mapped, NAT64, 6to4, Teredo…) as a range of its own; what it calls plain `unicast` is
 * public, except IPv4-compatible `::/96` (deprecated, and an IPv4 address in disguise).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || !(parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0);
}

/** The host names resolved addresses, none of them private (a name is no guarantee; the address is). */
export async function resolvesToPublicAddresses(hostname: string, resolve = lookup): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host, { all: true, verbatim: true });
  return addresses.length > 0 && addresses.every(({ address }) => isPublicAddress(address));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that fails unless every address the name resolves to is public. The
 * check before a fetch resolves the name once; a name can answer differently the next time
 * (DNS rebinding), so the connection itself only ever goes to an address checked here.
 */
export function publicOnlyLookup(resolve: typeof lookupCallback = lookupCallback) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) {
        const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address`);
        refused.code = 'EPRIVATEADDRESS';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

// Image hosts other than Artemis are fetched through connections that only reach public addresses.
const publicHostsOnly = new Agent({ connect: { lookup: publicOnlyLookup() } });
const fetchFromPublicHost: FetchLike = (url, init) =>
  undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: publicHostsOnly }) as unknown as Promise<Response>;

/** Reads a body up to `maxBytes`; undefined when it is larger. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * GETs a binary (an evidence image). The bearer token and domain header go only to the
 * configured Artemis API origin: an image hosted elsewhere must never see our token.
 * Redirects are refused so a vetted URL cannot bounce the server somewhere else.
 */
export function createBinaryFetcher(opts: {
  config: Env['artemis'];
  tokenProvider: TokenProvider;
  fetch?: FetchLike;
  logger?: ArtemisLogger;
  observe?: ArtemisCallObserver;
  isPublicHost?: (hostname: string) => Promise<boolean>;
  /** Fetches from hosts other than Artemis: `fetch` when given (tests), else public addresses only. */
  imageHostFetch?: FetchLike;
}): (req: BinaryRequest) => Promise<BinaryResult> {
  const { config, tokenProvider } = opts;
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const hostFetch: FetchLike = opts.imageHostFetch ?? opts.fetch ?? fetchFromPublicHost;
  const logger = opts.logger ?? noopLogger;
  const observe = opts.observe ?? (() => {});
  const artemisOrigin = new URL(config.apiUrl).origin;
  const isPublicHost = opts.isPublicHost ?? ((hostname: string) => resolvesToPublicAddresses(hostname));

  return async function fetchBinary(req: BinaryRequest): Promise<BinaryResult> {
    const requestId = crypto.randomUUID();
    const target = new URL(req.url);
    const withToken = target.origin === artemisOrigin;
    const base = { requestId, operation: OPERATION, method: 'GET', origin: target.origin, withToken };
    // Hosts other than Artemis must not lead our server into the private network. This check
    // gives a clear refusal; the connection's own lookup holds it if the name's answer changes
    // (publicOnlyLookup). Redirects are refused.
    if (!withToken && !(await isPublicHost(target.hostname).catch(() => false))) {
      logger.warn({ ...base }, 'evidence image host resolves to a private address');
      throw new ArtemisError({
        kind: 'http',
        operation: OPERATION,
        method: 'GET',
        requestId,
        status: 403,
        message: `evidence image host is not public (request ${requestId})`,
      });
    }

    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { Accept: req.accept, 'X-Request-ID': requestId };
      const token = withToken ? await tokenProvider.getToken() : undefined;
      if (token) {
        headers.Authorization = `Bearer ${token}`;
        headers['X-Domain-ID'] = config.domainId;
      }
      const timeout = timeoutSignal(config.timeoutMs);
      const { signal } = timeout;
      let res: Response;
      let bytes: Uint8Array | undefined;
      const startedAt = Date.now();
      try {
        res = await (withToken ? doFetch : hostFetch)(target.href, { method: 'GET', headers, signal, cache: 'no-store', redirect: 'error' });
        observe({ operation: OPERATION, outcome: statusOutcome(res.status), ms: Date.now() - startedAt });
        if (res.status === 401 && token && attempt === 1) {
          await res.body?.cancel();
          tokenProvider.invalidate(token);
          continue;
        }
        if (res.status < 200 || res.status >= 300) {
          await res.body?.cancel();
          logger.warn({ ...base, status: res.status }, 'evidence image fetch refused');
          throw new ArtemisError({
            kind: res.status === 404 ? 'not-found' : res.status === 401 ? 'auth' : 'http',
            operation: OPERATION,
            method: 'GET',
            requestId,
            status: res.status,
          });
        }
        bytes = await readCapped(res, req.maxBytes);
      } catch (cause) {
        if (cause instanceof ArtemisError) throw cause;
        const kind = isTimeout(cause, signal) ? 'timeout' : 'network';
        observe({ operation: OPERATION, outcome: kind, ms: Date.now() - startedAt });
        logger.warn({ ...base, error: kind }, 'evidence image fetch failed');
        throw new ArtemisError({ kind, operation: OPERATION, method: 'GET', requestId, cause: sanitizeCause(cause) });
      } finally {
        timeout.clear();
      }
      if (!bytes) {
        throw new ArtemisError({
          kind: 'invalid-response',
          operation: OPERATION,
          method: 'GET',
          requestId,
          status: res.status,
          message: `evidence image is larger than ${req.maxBytes} bytes (request ${requestId})`,
        });
      }
      logger.info({ ...base, status: res.status, bytes: bytes.byteLength }, 'evidence image fetched');
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', bytes, requestId };
    }
  };
}
