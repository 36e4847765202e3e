import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './server';

/** Same default as the app's demo configuration, so `npm run sandbox` and `npm run dev` agree. */
const DEFAULT_PORT = 4010;

const USAGE = `Usage: tsx sandbox/main.ts [options]
  --port <n>            port, 0 = random (env SANDBOX_PORT, default ${DEFAULT_PORT})
  --host <addr>         listen address (env SANDBOX_HOST, default 127.0.0.1)
  --client-id <id>      OAuth client id (env SANDBOX_CLIENT_ID, default sandbox-client)
  --client-secret <s>   OAuth client secret (env SANDBOX_CLIENT_SECRET, default sandbox-secret)
  --domain-id <id>      expected X-Domain-ID (env SANDBOX_DOMAIN_ID, default 4242)
  --token-ttl <s>       token lifetime in seconds (env SANDBOX_TOKEN_TTL, default 3600)
  --seed <demo|none|scale>  seed data (env SANDBOX_SEED, default demo); scale = 10,000 customers, 20,000 documents
  --verbose             log every request to stderr (env SANDBOX_VERBOSE=1)`;

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'domain-id': { type: 'string' },
        'token-ttl': { type: 'string' },
        seed: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const flag = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

  const seed = nonEmpty(flag('seed') ?? env.SANDBOX_SEED) ?? 'demo';
  if (seed !== 'demo' && seed !== 'none' && seed !== 'scale') fail('--seed must be demo, none or scale');
  const verbose = values.verbose === true || env.SANDBOX_VERBOSE === '1';

  return {
    port: integer('--port', flag('port') ?? env.SANDBOX_PORT, 0, 65535) ?? DEFAULT_PORT,
    host: nonEmpty(flag('host') ?? env.SANDBOX_HOST),
    clientId: nonEmpty(flag('client-id') ?? env.SANDBOX_CLIENT_ID),
    clientSecret: nonEmpty(flag('client-secret') ?? env.SANDBOX_CLIENT_SECRET),
    domainId: nonEmpty(flag('domain-id') ?? env.SANDBOX_DOMAIN_ID),
    tokenTtlSeconds: integer('--token-ttl', flag('token-ttl') ?? env.SANDBOX_TOKEN_TTL, 1, 31_536_000),
    seed,
    log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const sandbox = await startSandbox(options).catch((error: unknown) => {
    process.stderr.write(`sandbox: cannot listen: ${error instanceof Error ? error.message : String(error)}\n`);
    return process.exit(1);
  });
  process.stdout.write(`Artemis sandbox listening on ${sandbox.url}\n`);

  const shutdown = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
