/**
 * Checks an evidence pack offline (SPEC §16, docs/evidence.md): needs the pack, nothing else.
 *
 *   npm run evidence:verify -- <pack.zip> [--key published-key.pem]
 *
 * With --key (the key the firm publishes at /.well-known/evidence-key.pem) a pack signed with any
 * other key fails. One line per check, then `ok` (exit 0) or the first failure (exit 1).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyEvidencePack } from '@/lib/evidence-pack/verify';

const USAGE = 'usage: npm run evidence:verify -- <pack.zip> [--key published-key.pem]';

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: args.filter((arg) => arg !== '--'), options: { key: { type: 'string' } }, allowPositionals: true });
  } catch {
    parsed = null;
  }
  const [file, ...others] = parsed?.positionals ?? [];
  if (!parsed || !file || others.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const keyFile = parsed.values.key;
  let zip: Uint8Array;
  let publishedKey: string | undefined;
  try {
    zip = readFileSync(file);
    publishedKey = keyFile === undefined ? undefined : readFileSync(keyFile, 'utf8');
  } catch (error) {
    console.error(`cannot read ${(error as NodeJS.ErrnoException).path ?? file}: ${(error as Error).message}`);
    return 2;
  }
  const verdict = await verifyEvidencePack(zip, { publishedKey });
  for (const line of verdict.lines) console.log(`${line.ok ? 'ok  ' : 'FAIL'} ${line.check}: ${line.detail}`);
  const failed = verdict.lines.find((line) => !line.ok);
  console.log(failed ? `FAILED at ${failed.check}` : 'ok');
  return verdict.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
