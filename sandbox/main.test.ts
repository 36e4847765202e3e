import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^Artemis sandbox listening on (http:\/\/\S+)\n/m.exec(stdout);
      if (line?.[1]) resolve(line[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, ready, stderr: () => stderr };
}

describe('sandbox CLI', () => {
  it('starts with flags, prints one ready line and stops on SIGTERM', async () => {
    const { child, ready } = startCli(['--port', '0', '--client-id', 'cli-client', '--token-ttl', '77'], {
      SANDBOX_DOMAIN_ID: '99',
      SANDBOX_CLIENT_ID: 'ignored-because-flag-wins',
    });
    const url = await ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=cli-client&client_secret=sandbox-secret',
    });
    const token = (await res.json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(77);
    const customer = await fetch(`${url}/api/customer/1001`, {
      headers: { authorization: `Bearer ${token.access_token}`, 'x-domain-id': '99' },
    });
    expect(customer.status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 20_000);

  it('refuses an invalid flag', async () => {
    const { child, ready, stderr } = startCli(['--port', 'abc']);
    await expect(ready).rejects.toThrow();
    expect(child.exitCode).toBe(2);
    expect(stderr()).toContain('--port must be a whole number');
  }, 20_000);
});
