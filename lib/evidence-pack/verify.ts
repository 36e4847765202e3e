// Checks an evidence pack with nothing but the pack (SPEC §16; docs/evidence.md shows the same
// checks with OpenSSL and sha256sum). Pure: `npm run evidence:verify` runs it offline.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { hashOfContent, type ChainedContent } from '@/lib/audit/event-hash';
import { checkpointCoverage, PACK_FILES, statementSchema, type Statement } from './format';
import { checkpointMessage, keyIdOf, verifyEd25519 } from './signature';

export type CheckLine = { check: string; ok: boolean; detail: string };
export type PackVerdict = { ok: boolean; lines: CheckLine[] };

class CheckFailed extends Error {
  constructor(
    readonly check: string,
    detail: string,
  ) {
    super(detail);
  }
}

const fail = (check: string, detail: string): never => {
  throw new CheckFailed(check, detail);
};

/** The pack's files as its index (the ZIP's central directory) names them: what unzip, Python or Explorer show. */
type Pack = { zip: ZipFile; entries: Map<string, Entry> };

async function openPack(bytes: Uint8Array): Promise<Pack> {
  const entries = new Map<string, Entry>();
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: true,
    });
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) fail('files', `${entry.fileName} is in the pack twice`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof CheckFailed) throw error;
    return fail('files', `not a readable ZIP file (${(error as Error).message})`);
  }
  return { zip, entries };
}

/** A file's bytes as they come out of the ZIP; a read error is a failed `files` check. */
async function* chunksOf(pack: Pack, name: string): AsyncGenerator<Buffer> {
  let stream: Readable;
  try {
    stream = await pack.zip.openReadStreamPromise(pack.entries.get(name)!);
  } catch (error) {
    return fail('files', `${name} cannot be read: ${(error as Error).message}`);
  }
  // The loop's own error only: what the caller throws ends the loop (and the stream) without it.
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    fail('files', `${name} cannot be read: ${(error as Error).message}`);
  }
}

/** The statement, its signature and the key are read whole; nothing that small needs more. */
const SMALL_FILE_MAX_BYTES = 1 << 20;

async function readSmallFile(pack: Pack, name: string): Promise<Buffer> {
  if (pack.entries.get(name)!.uncompressedSize > SMALL_FILE_MAX_BYTES) fail('files', `${name} is larger than any pack's ${name}`);
  const chunks: Buffer[] = [];
  for await (const chunk of chunksOf(pack, name)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A file's sha256 and size, read once; `onChunk` sees each piece on the way. */
async function digestOf(pack: Pack, name: string, onChunk?: (chunk: Buffer) => void): Promise<{ sha256: string; bytes: number }> {
  const digest = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunksOf(pack, name)) {
    digest.update(chunk);
    bytes += chunk.byteLength;
    onChunk?.(chunk);
  }
  return { sha256: digest.digest('hex'), bytes };
}

/** Far beyond any event the console writes (a reason is at most a few thousand characters). */
const MAX_EVENT_LINE_CHARS = 16 * 2 ** 20;

/** Streams events.json through `onEvent`, a line at a time, and returns its sha256 and size. */
async function readEvents(pack: Pack, onEvent: (event: Record<string, unknown>, line: number) => void): Promise<{ sha256: string; bytes: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The unfinished line, in pieces: joining each chunk onto it would rescan it every time.
  let pending: string[] = [];
  let pendingLength = 0;
  let line = 0;
  const take = (text: string) => {
    line += 1;
    const trimmed = text.endsWith(',') ? text.slice(0, -1) : text;
    if (trimmed === '[' || trimmed === ']' || trimmed === '') return;
    let event: unknown;
    try {
      event = JSON.parse(trimmed);
    } catch {
      fail('event hashes', `events.json line ${line} is not valid JSON`);
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) fail('event hashes', `events.json line ${line} is not an event`);
    onEvent(event as Record<string, unknown>, line);
  };
  const decode = (chunk: Uint8Array, final: boolean) => {
    try {
      return decoder.decode(chunk, { stream: !final });
    } catch {
      return fail('event hashes', 'events.json is not UTF-8 text');
    }
  };
  const feed = (text: string) => {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      pending.push(text.slice(start, end));
      take(pending.join(''));
      pending = [];
      pendingLength = 0;
      start = end + 1;
    }
    if (start === text.length) return;
    pendingLength += text.length - start;
    if (pendingLength > MAX_EVENT_LINE_CHARS) fail('event hashes', `events.json line ${line + 1} is longer than any event`);
    pending.push(text.slice(start));
  };
  const file = await digestOf(pack, PACK_FILES.events, (chunk) => feed(decode(chunk, false)));
  feed(decode(new Uint8Array(0), true));
  if (pending.length > 0) take(pending.join(''));
  return file;
}

const isSha256 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/**
 * Runs every check in order and stops at the first failure, naming it. With `publishedKey` (the
 * PEM the firm publishes) the pack's key must be that one; without it the examiner compares ids.
 */
export async function verifyEvidencePack(zip: Uint8Array, { publishedKey }: { publishedKey?: string } = {}): Promise<PackVerdict> {
  const lines: CheckLine[] = [];
  const pass = (check: string, detail: string) => lines.push({ check, ok: true, detail });
  let pack: Pack | undefined;
  try {
    pack = await openPack(zip);
    const names = [...pack.entries.keys()];
    const required: string[] = [PACK_FILES.statement, PACK_FILES.signature, PACK_FILES.publicKey, PACK_FILES.events];
    const missing = required.filter((name) => !pack!.entries.has(name));
    if (missing.length > 0) fail('files', `the pack has no ${missing.join(', ')}`);
    pass('files', `${names.length} files: ${names.sort().join(', ')}`);
    const statementBytes = await readSmallFile(pack, PACK_FILES.statement);
    const signature = await readSmallFile(pack, PACK_FILES.signature);
    const publicKeyPem = (await readSmallFile(pack, PACK_FILES.publicKey)).toString('utf8');

    let statement: Statement;
    try {
      statement = statementSchema.parse(JSON.parse(statementBytes.toString('utf8')));
    } catch {
      return fail('statement', 'statement.json is not a statement this verifier reads');
    }
    const scope =
      statement.scope.kind === 'document' ? `document ${statement.scope.documentId} of customer ${statement.scope.customerId}` : 'the filtered audit log';
    pass('statement', `pack ${statement.packId}, made ${statement.createdAt} by ${statement.exportedBy.email}, of ${scope}`);

    let keyId: string;
    try {
      keyId = keyIdOf(publicKeyPem);
    } catch {
      return fail('key', 'public-key.pem is not a public key');
    }
    if (keyId !== statement.key.keyId) fail('key', `public-key.pem has id ${keyId}, the statement names ${statement.key.keyId}`);
    if (publishedKey === undefined) {
      pass('key', `Ed25519 ${keyId}: not compared; compare it with the firm's published key (/.well-known/evidence-key.pem), or give that with --key`);
    } else {
      let publishedId: string;
      try {
        publishedId = keyIdOf(publishedKey);
      } catch {
        return fail('key', 'the published key given is not a public key');
      }
      if (publishedId !== keyId) fail('key', `the pack is signed with key ${keyId}, not the published key ${publishedId}`);
      pass('key', `Ed25519 ${keyId}: the published key`);
    }

    if (!verifyEd25519(statementBytes, signature, publicKeyPem)) {
      fail('signature', 'statement.sig is not a signature of statement.json by public-key.pem');
    }
    pass('signature', 'statement.sig signs statement.json');

    const named = new Set(Object.keys(statement.files));
    const unnamed = names.filter((name) => !named.has(name) && name !== PACK_FILES.statement && name !== PACK_FILES.signature);
    if (unnamed.length > 0) fail('file digests', `${unnamed.join(', ')} is not covered by the statement`);
    for (const name of named) if (!pack.entries.has(name)) fail('file digests', `the statement names ${name}, which the pack does not hold`);

    // Events: each hash from its fields, each link where the chain has them adjacent.
    const seen: { seq: number; id: string; hash: string }[] = [];
    let previous: { seq: number; hash: string } | undefined;
    let links = 0;
    const keepList = statement.events !== undefined;
    let count = 0;
    const atCheckpoint = new Map(statement.checkpoints.map((c) => [c.seq, c]));
    const events = await readEvents(pack, (event, line) => {
      const { seq, hash, ...content } = event;
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || !isSha256(hash)) fail('event hashes', `events.json line ${line} has no seq or hash`);
      let recomputed: string;
      try {
        recomputed = hashOfContent(content as ChainedContent);
      } catch {
        // Nesting no event has (canonical JSON recurses): an event that cannot be hashed is no event.
        return fail('event hashes', `events.json line ${line} is not an event`);
      }
      if (recomputed !== hash) fail('event hashes', `event #${String(seq)} (line ${line}): its fields hash to ${recomputed}, not ${String(hash)}`);
      const s = seq as number;
      if (previous && s <= previous.seq) fail('event links', `event #${s} comes after #${previous.seq}: events must be in chain order`);
      if (previous && s === previous.seq + 1) {
        if (content.prevHash !== previous.hash) fail('event links', `event #${s} does not chain to event #${previous.seq}`);
        links += 1;
      }
      if (statement.scope.kind === 'document' && (content.customerId !== statement.scope.customerId || content.documentId !== statement.scope.documentId)) {
        fail('events listed', `event #${s} is not about ${scope}`);
      }
      if (s > statement.chain.seq) fail('events listed', `event #${s} is newer than the chain head the statement names (#${statement.chain.seq})`);
      if (s === statement.chain.seq && hash !== statement.chain.hash) fail('chain head', `event #${s} is the head the statement names, but its hash differs`);
      const checkpoint = atCheckpoint.get(s);
      if (checkpoint && checkpoint.hash !== hash) fail('checkpoints', `event #${s} is the head a checkpoint signed, but its hash differs`);
      if (keepList) seen.push({ seq: s, id: String(content.id), hash: hash as string });
      previous = { seq: s, hash: hash as string };
      count += 1;
    });
    pass('event hashes', `${count} events: every hash recomputed from its fields`);
    pass('event links', `${links} links between events adjacent in the chain`);

    if (count !== statement.eventCount) fail('events listed', `events.json holds ${count} events, the statement names ${statement.eventCount}`);
    if (statement.events) {
      const listed = statement.events;
      if (listed.length !== count) fail('events listed', `the statement lists ${listed.length} events, events.json holds ${count}`);
      const differs = listed.findIndex((e, i) => e.seq !== seen[i]?.seq || e.id !== seen[i]?.id || e.hash !== seen[i]?.hash);
      if (differs !== -1) fail('events listed', `event #${listed[differs]!.seq} in the statement is not the one in events.json`);
      const coverage = checkpointCoverage(statement.checkpoints);
      for (const e of listed) {
        const expected = coverage.of(e.seq)?.seq ?? null;
        if (e.checkpointSeq !== expected)
          fail('checkpoints', `event #${e.seq} names checkpoint ${String(e.checkpointSeq)}, the pack's checkpoints give ${String(expected)}`);
      }
    }
    pass('events listed', `${count} events, as the statement lists them, all at or before the chain head #${statement.chain.seq}`);

    for (const name of named) {
      const expected = statement.files[name]!;
      const actual = name === PACK_FILES.events ? events : await digestOf(pack, name);
      if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes)
        fail('file digests', `${name} is not the file the statement signed (sha256 ${actual.sha256})`);
    }
    pass('file digests', `${named.size} files match the sha256 the statement signed`);

    for (const checkpoint of statement.checkpoints) {
      if (checkpoint.keyId !== statement.key.keyId) fail('checkpoints', `the checkpoint of ${checkpoint.at} was signed by another key`);
      const signed = verifyEd25519(checkpointMessage(checkpoint), Buffer.from(checkpoint.signature, 'base64'), publicKeyPem);
      if (!signed) fail('checkpoints', `the checkpoint of ${checkpoint.at} (head #${checkpoint.seq}) is not signed by public-key.pem`);
    }
    const covered = statement.events ? statement.events.filter((e) => e.checkpointSeq !== null).length : null;
    const latest = statement.checkpoints.at(-1);
    pass(
      'checkpoints',
      statement.checkpoints.length === 0
        ? 'none: no signed checkpoint came after these events before the pack was made'
        : `${statement.checkpoints.length} signed${covered === null ? '' : `; ${covered} of ${count} events are at or before one`}${latest ? `; the latest signed ${latest.at} at head #${latest.seq}` : ''}`,
    );
    return { ok: true, lines };
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error;
    lines.push({ check: error.check, ok: false, detail: error.message });
    return { ok: false, lines };
  } finally {
    pack?.zip.close();
  }
}
