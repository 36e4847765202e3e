import { generateKeyPairSync } from 'node:crypto';
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

const anotherPublicKey = () => generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();

const centralDirectoryAt = (zip: Buffer) => zip.readUInt32LE(zip.length - 22 + 16);

/**
 * The pack with a forged copy of one file placed before the genuine entries and the ZIP's index
 * pointed at it: unzip, Python and Explorer show the forgery; a reader that walks the entries in
 * order meets the genuine one last.
 */
function withIndexOnForgery(zip: Uint8Array, name: string, forged: Uint8Array): Buffer {
  const forgery = Buffer.from(zipSync({ [name]: forged }));
  const forgeryEntry = forgery.subarray(0, centralDirectoryAt(forgery));
  const out = Buffer.concat([forgeryEntry, zip]);
  let at = forgeryEntry.length + centralDirectoryAt(Buffer.from(zip));
  while (out.readUInt32LE(at) === 0x02014b50) {
    const nameLength = out.readUInt16LE(at + 28);
    const length = 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      // The forgery's CRC and sizes, its offset 0.
      forgery.copy(out, at + 16, centralDirectoryAt(forgery) + 16, centralDirectoryAt(forgery) + 28);
      out.writeUInt32LE(0, at + 42);
    } else {
      out.writeUInt32LE(out.readUInt32LE(at + 42) + forgeryEntry.length, at + 42);
    }
    at += length;
  }
  out.writeUInt32LE(centralDirectoryAt(out) + forgeryEntry.length, out.length - 22 + 16);
  return out;
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
    const verdict = await verifyEvidencePack(zip);
    expect(verdict.lines.filter((line) => !line.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    const statement = statementSchema.parse(JSON.parse(strFromU8(unzipSync(zip)['statement.json']!)));
    expect(statement.eventCount).toBe(7);
    expect(statement.scope).toEqual({ kind: 'period', filters: { action: 'override.attempted' } });
    expect(statement.checkpoints).toHaveLength(1);
    expect(statement.checkpoints[0]!.seq).toBe(5);
  });

  it('a period whose events.json would outgrow a ZIP fails the download instead of wrapping its sizes', async () => {
    await appendMany(t.db, 3);
    const { stream } = periodPackStream(t.db, auditor, {}, await readChainHead(t.db), { batchSize: 1, maxEventsBytes: 2_000 });
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow(/narrow the filters/);
  });

  it('one changed byte fails the check it breaks, by name', async () => {
    await appendMany(t.db, 3);
    const zip = await periodPack(t);
    const failure = async (pack: Uint8Array) => (await verifyEvidencePack(pack)).lines.find((line) => !line.ok);
    const forgedEvents = (text: string) => text.replace('Genuine person', 'Genuine persoN');
    expect(await failure(tampered(zip, 'events.json', forgedEvents))).toMatchObject({ check: 'event hashes' });
    expect(await failure(tampered(zip, 'statement.json', (text) => text.replace('"eventCount": 3', '"eventCount": 2')))).toMatchObject({ check: 'signature' });
    const files = unzipSync(zip);
    delete files['events.json'];
    expect(await failure(zipSync(files))).toMatchObject({ check: 'files' });
  });

  it('a hostile events.json (one endless line, nesting no event has) fails at event hashes, promptly', async () => {
    await appendMany(t.db, 1);
    const zip = await periodPack(t);
    const failure = async (events: string) => (await verifyEvidencePack(tampered(zip, 'events.json', () => events))).lines.at(-1);
    expect(await failure('x'.repeat(20 * 2 ** 20))).toMatchObject({ ok: false, check: 'event hashes', detail: 'events.json line 1 is longer than any event' });
    const deep = `[\n{"seq":1,"hash":"${'0'.repeat(64)}","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n]`;
    expect(await failure(deep)).toMatchObject({ ok: false, check: 'event hashes', detail: 'events.json line 2 is not an event' });
  });

  it('checks the files an examiner unzips: a forgery the ZIP index points at fails, hidden genuine entries notwithstanding', async () => {
    await appendMany(t.db, 3);
    const zip = await periodPack(t);
    const otherKey = anotherPublicKey();
    const attack = withIndexOnForgery(zip, 'public-key.pem', strToU8(otherKey));
    expect(strFromU8(unzipSync(attack)['public-key.pem']!)).toBe(otherKey);
    const verdict = await verifyEvidencePack(attack);
    expect(verdict.ok).toBe(false);
    expect(verdict.lines.at(-1)).toMatchObject({ ok: false, check: 'key' });
  });

  it('with the published key given, a pack signed by any other key fails at the key', async () => {
    await appendMany(t.db, 2);
    const zip = await periodPack(t);
    expect((await verifyEvidencePack(zip, { publishedKey: evidenceSigner().publicKeyPem })).ok).toBe(true);
    const verdict = await verifyEvidencePack(zip, { publishedKey: anotherPublicKey() });
    expect(verdict.lines.at(-1)).toMatchObject({ ok: false, check: 'key' });
  });
});
