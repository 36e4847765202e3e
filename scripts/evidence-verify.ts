/**
 * Checks an evidence pack offline (SPEC §16, docs/evidence.md): needs the pack, nothing else.
 *
 *   npm run evidence:verify -- <pack.zip>
 *
 * One line per check, then `ok` (exit 0) or the first failure (exit 1).
 */
import { readFileSync } from 'node:fs';
import { verifyEvidencePack } from '@/lib/evidence-pack/verify';

function main(args: string[]): number {
  const file = args.find((arg) => arg !== '--');
  if (!file) {
    console.error('usage: npm run evidence:verify -- <pack.zip>');
    return 2;
  }
  let zip: Uint8Array;
  try {
    zip = readFileSync(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const verdict = verifyEvidencePack(zip);
  for (const line of verdict.lines) console.log(`${line.ok ? 'ok  ' : 'FAIL'} ${line.check}: ${line.detail}`);
  const failed = verdict.lines.find((line) => !line.ok);
  console.log(failed ? `FAILED at ${failed.check}` : 'ok');
  return verdict.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
