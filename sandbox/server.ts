import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiEndpoint, tokenEndpoint, type SandboxConfig } from './artemis-api';
import { control } from './control';
import {
  bodyForLog,
  BodyTooLargeError,
  flattenHeaders,
  notFound,
  readBody,
  reasonPhrase,
  send,
  springError,
  waitUnlessClosed,
  type Reply,
  type Request,
} from './http';
import { createState, recordRequest, requestLatency, resetState, takeFault, type RequestLogEntry, type SandboxState, type SeedName } from './state';

export type { Fault, LatencyRange, RequestLogEntry, SandboxCounters, SandboxState } from './state';
export { SEED_CASES } from './seed';

export type SandboxOptions = {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  domainId?: string;
  tokenTtlSeconds?: number;
  /** `scale`: 10,000 customers and 20,000 documents for benchmarks (see scale-seed.ts). */
  seed?: SeedName;
  /** With the demo seed: add the caseload reviewers decided in the 60 days before this day. */
  pastCaseloadUntil?: Date;
  log?: (line: string) => void;
  /** Other handlers served on the same port under a path prefix (tests mount an OpenID provider). */
  mounts?: Record<string, (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => void>;
};

export type Sandbox = {
  url: string;
  port: number;
  close(): Promise<void>;
  state: SandboxState;
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config: SandboxConfig = {
    clientId: options.clientId ?? 'sandbox-client',
    clientSecret: options.clientSecret ?? 'sandbox-secret',
    domainId: options.domainId ?? '4242',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    log: options.log ?? (() => {}),
  };
  const host = options.host ?? '127.0.0.1';
  const state = createState(options.seed ?? 'demo', '', options.pastCaseloadUntil ?? null);

  const mounts = Object.entries(options.mounts ?? {});
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const mount = mounts.find(([prefix]) => target === prefix || target.startsWith(`${prefix}/`) || target.startsWith(`${prefix}?`));
    if (mount) {
      // As Express mounts do: the handler sees the path below the prefix, and the full one.
      Object.assign(req, { originalUrl: target, url: target.slice(mount[0].length) || '/' });
      mount[1](req, res);
      return;
    }
    handle(state, config, req, res).catch((error: unknown) => {
      config.log(`sandbox error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, body: springError(500, 'Internal Server Error', 'Sandbox failure', req.url ?? '/') });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  // Seeded only once the port is known: some seed images are http URLs pointing back at the sandbox.
  state.baseUrl = url;
  resetState(state);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function handle(state: SandboxState, config: SandboxConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const url = new URL(target, 'http://sandbox.invalid');
  res.once('finish', () => config.log(`${method} ${target} ${res.statusCode} ${Date.now() - started}ms`));

  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      send(res, { status: 413, body: springError(413, 'Payload Too Large', 'Request body too large', url.pathname) });
      return;
    }
    res.destroy();
    return;
  }
  const request: Request = { method, target, url, headers: req.headers, raw };

  if (url.pathname.startsWith('/__sandbox/')) {
    send(res, control(state, request));
    return;
  }

  const isToken = url.pathname === '/oauth/token';
  const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
  if (!isToken && !isApi) {
    send(res, notFound(url.pathname));
    return;
  }

  const entry: RequestLogEntry = {
    at: new Date(started).toISOString(),
    method,
    path: target,
    headers: flattenHeaders(req.headers),
    body: bodyForLog(raw, req.headers['content-type']),
    status: null,
  };
  recordRequest(state, entry);
  if (isToken) state.counters.tokenRequests += 1;
  else state.counters.apiRequests += 1;

  const fault = takeFault(state, method, target);
  const act = () => (isToken ? tokenEndpoint(state, config, request) : apiEndpoint(state, config, request, fault?.dropWrite));
  // Before the wait, so a client that gives up during it still finds the change made.
  if (fault?.applyFirst) entry.appliedStatus = act().status;
  const delay = requestLatency(state) + (fault?.latencyMs ?? 0);
  if (delay > 0 && !(await waitUnlessClosed(delay, res))) return;

  if (fault?.networkError) {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (fault?.status !== undefined) {
    reply = {
      status: fault.status,
      body: 'body' in fault ? fault.body : springError(fault.status, reasonPhrase(fault.status), 'Injected fault', url.pathname),
      headers: fault.headers,
    };
  } else {
    reply = act();
  }
  entry.status = reply.status;
  send(res, reply);
}
