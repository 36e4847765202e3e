import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/** What the Dockerfile copies beside the standalone server: the static assets (and `public`, if any). */
export function prepareStandalone(): string {
  const dir = path.resolve('.next/standalone');
  if (!existsSync(path.join(dir, 'server.js'))) throw new Error('.next/standalone/server.js is missing: the build must use output: standalone');
  cpSync('.next/static', path.join(dir, '.next/static'), { recursive: true });
  if (existsSync('public')) cpSync('public', path.join(dir, 'public'), { recursive: true });
  return dir;
}

export type LogLine = { time: number; pid: number; component?: string; msg: string; [key: string]: unknown };

export type Standalone = {
  port: number;
  process: ChildProcess;
  /** The server's pino lines, parsed. */
  lines: LogLine[];
  output: () => string;
  exited: Promise<number | null>;
};

/** Starts `node server.js` in the standalone folder, as the image's CMD does, with only `env` as configuration. */
export function startStandalone(dir: string, port: number, env: Record<string, string>): Standalone {
  const inherited = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(process.execPath, ['server.js'], {
    cwd: dir,
    env: { ...inherited, ...env, PORT: String(port), HOSTNAME: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines: LogLine[] = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      if (part.startsWith('{')) {
        try {
          lines.push(JSON.parse(part) as LogLine);
        } catch {
          // A line of the framework's own: kept in `output` only.
        }
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { port, process: child, lines, output: () => output, exited };
}

/** Polls `url` until it answers `status`. */
export async function waitForStatus(url: string, status: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await fetch(url, { cache: 'no-store' }).then(
      (r) => r.status,
      () => 0,
    );
    if (got === status) return;
    if (Date.now() > deadline) throw new Error(`${url} answered ${got}, not ${status}, within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A TCP relay between the servers and PostgreSQL that the test can cut and restore: "the
 * database is unreachable" without stopping the shared PostgreSQL others use.
 */
export async function startTcpRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    /** Refuses new connections and drops the open ones. */
    async cut() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}

/**
 * The load balancer in front of the fleet: one origin for the browser (as in production), each
 * request forwarded, Host kept and `X-Forwarded-For` appended, to the instance the test chooses.
 */
export async function startBalancer(ports: number[]) {
  let target = ports[0]!;
  const served: { method: string; path: string; port: number; status: number }[] = [];
  const server = http.createServer((req, res) => {
    const port = target;
    const headers = { ...req.headers, 'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ') };
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (answer) => {
      served.push({ method: req.method ?? '', path: req.url ?? '', port, status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      served.push({ method: req.method ?? '', path: req.url ?? '', port, status: 502 });
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    served,
    route(to: number) {
      target = to;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
