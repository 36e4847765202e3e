import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, expect, it } from 'vitest';
import { hashOfContent, hashOfStoredRow } from '@/lib/audit/event-hash';
import { verifyAuditChain } from '@/lib/audit/verify';
import { appendMany } from '@/testing/audit-event';
import { describeEachDialect, type TestDatabase } from '@/testing/db';
import { readChainHead } from './chain-head';
import { CONSOLE_ACTOR, takeCheckpoint } from './checkpoint';
import { packEvent, statementSchema } from './format';
import { periodPackStream } from './period-pack';
import { checkpointMessage, verifyEd25519 } from './signature';
import { evidenceSigner } from './signer';
import { verifyEvidencePack } from './verify';

const auditor = { id: 'u-9', email: 'auditor@demo.test', name: null, role: 'auditor' as const };

async function periodPack(t: TestDatabase, filters = {}): Promise<Uint8Array> {
  const { stream } = periodPackStream(t.db, auditor, filters, await readChainHead(t.db), { batchSize: 2 });
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The pack with one file's text changed, re-zipped as an attacker would. */
function tampered(zip: Uint8Array, name: string, change: (text: string) => string): Uint8Array {
  const files = unzipSync(zip);
  files[name] = strToU8(change(strFromU8(files[name]!)));
  return zipSync(files);
}

await describeEachDialect('evidence packs', (database) => {
  let t: TestDatabase;
  beforeEach(() => {
    t = database();
  });

  it("carries each event exactly as hashed: the pack's hash is the one audit:verify recomputes", async () => {
    await appendMany(t.db, 3);
    const rows = await t.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    for (const row of rows) {
      const { seq, hash, ...content } = packEvent(row);
      expect(seq).toBe(Number(row.seq));
      expect(hashOfContent(content)).toBe(hash);
      expect(hashOfStoredRow(row)).toBe(hash);
    }
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 3 });
  });

  it('a checkpoint signs the chain head, verifiably, and extends the chain; a recent one is not repeated', async () => {
    await appendMany(t.db, 2);
    const head = await readChainHead(t.db);
    const event = await takeCheckpoint(t.db, CONSOLE_ACTOR);
    const detail = event!.detail as { seq: number; hash: string; at: string; keyId: string; signature: string };
    expect(detail).toMatchObject({ seq: head.seq, hash: head.hash, keyId: evidenceSigner().keyId });
    const signature = Buffer.from(detail.signature, 'base64');
    expect(verifyEd25519(checkpointMessage(detail), signature, evidenceSigner().publicKeyPem)).toBe(true);
    expect(verifyEd25519(checkpointMessage({ ...detail, seq: detail.seq + 1 }), signature, evidenceSigner().publicKeyPem)).toBe(false);
    expect(await takeCheckpoint(t.db, CONSOLE_ACTOR, { unlessWithinMs: 60_000 })).toBeNull();
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 3 });
  });

  it('a period pack streams the filtered events, names the checkpoint after them, and verifies offline', async () => {
    await appendMany(t.db, 5);
    await takeCheckpoint(t.db, CONSOLE_ACTOR);
    await appendMany(t.db, 2);
    const zip = await periodPack(t, { action: 'override.attempted' });
    const verdict = verifyEvidencePack(zip);
    expect(verdict.lines.filter((line) => !line.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    const statement = statementSchema.parse(JSON.parse(strFromU8(unzipSync(zip)['statement.json']!)));
    expect(statement.eventCount).toBe(7);
    expect(statement.scope).toEqual({ kind: 'period', filters: { action: 'override.attempted' } });
    expect(statement.checkpoints).toHaveLength(1);
    expect(statement.checkpoints[0]!.seq).toBe(5);
  });

  it('one changed byte fails the check it breaks, by name', async () => {
    await appendMany(t.db, 3);
    const zip = await periodPack(t);
    const failure = (pack: Uint8Array) => verifyEvidencePack(pack).lines.find((line) => !line.ok);
    expect(failure(tampered(zip, 'events.json', (text) => text.replace('Genuine person', 'Genuine persoN')))).toMatchObject({ check: 'event hashes' });
    expect(failure(tampered(zip, 'statement.json', (text) => text.replace('"eventCount": 3', '"eventCount": 2')))).toMatchObject({ check: 'signature' });
    const files = unzipSync(zip);
    delete files['events.json'];
    expect(failure(zipSync(files))).toMatchObject({ check: 'files' });
  });
});
