import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Kysely } from 'kysely';
import { auditFiltersToQuery, type AuditFilters } from '@/lib/audit/filters';
import { iterateAuditEvents } from '@/lib/audit/query';
import type { CurrentUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db';
import type { AuditEventRow } from '@/lib/db/schema';
import type { ChainHead } from './chain-head';
import { checkpointsFrom } from './checkpoint';
import { checkpointCoverage, EVENTS_JSON_CLOSE, EVENTS_JSON_OPEN, EVENTS_JSON_SEPARATOR, PACK_FILES, packEvent, type Statement } from './format';
import { sha256Hex } from './signature';
import { evidenceSigner, signStatement } from './signer';

/**
 * Rows per read. A batch is alive while it is written out: a larger one outlives more young
 * collections, and what they promote only a full collection frees (the heap grows meanwhile).
 */
const PERIOD_BATCH_SIZE = 250;

/** The most events one period pack carries; past it the export asks for narrower filters. */
export const PERIOD_PACK_MAX_EVENTS = 1_000_000;

/** fflate writes no ZIP64 extension, so a file's size must fit 32 bits. */
const ZIP32_MAX_FILE_BYTES = 0xffff_ffff;

/**
 * The filtered events as chained, up to the head read before, as a streamed ZIP (SPEC §16):
 * events.json is written one database batch per pull and hashed as it goes, so memory stays at
 * a batch whatever the period; the signed statement follows it, naming its digest and count.
 */
export function periodPackStream(
  db: Kysely<Database>,
  user: CurrentUser,
  filters: AuditFilters,
  head: ChainHead,
  options: { packId?: string; batchSize?: number; maxEventsBytes?: number } = {},
): { packId: string; stream: ReadableStream<Uint8Array> } {
  const packId = options.packId ?? randomUUID();
  const createdAt = new Date().toISOString();
  const signer = evidenceSigner();
  let zip: Zip;
  let eventsFile: ZipDeflate;
  const digest = createHash('sha256');
  let bytes = 0;
  let count = 0;
  let chunksOut = 0;
  // Signed heads (one a day): the pack carries the first at or after each of its events.
  let coverage: ReturnType<typeof checkpointCoverage> | undefined;
  let rows: AsyncGenerator<AuditEventRow[]> | undefined;

  // events.json goes through one reused buffer: a string or an array per batch would be a large
  // object each time, which only a full collection frees, and the heap grows by a hundred MB
  // first. The hash and the deflater both copy what they are given before it is overwritten.
  const buffer = new Uint8Array(256 * 1024);
  const encoder = new TextEncoder();
  let filled = 0;
  const maxBytes = options.maxEventsBytes ?? ZIP32_MAX_FILE_BYTES;
  const emit = (chunk: Uint8Array) => {
    bytes += chunk.byteLength;
    // Fails the download rather than send a ZIP whose sizes wrapped around.
    if (bytes > maxBytes) throw new Error(`events.json would pass ${maxBytes} bytes, more than a ZIP file holds: narrow the filters`);
    digest.update(chunk);
    eventsFile.push(chunk);
  };
  const flush = () => {
    if (filled === 0) return;
    emit(buffer.subarray(0, filled));
    filled = 0;
  };
  const write = (text: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (filled + text.length * 3 > buffer.byteLength) flush();
    if (text.length * 3 > buffer.byteLength) {
      emit(strToU8(text));
      return;
    }
    filled += encoder.encodeInto(text, buffer.subarray(filled)).written;
  };

  function events(): AsyncGenerator<AuditEventRow[]> {
    return iterateAuditEvents(filters, { db, upToSeq: head.seq, batchSize: options.batchSize ?? PERIOD_BATCH_SIZE });
  }

  async function finish() {
    write(EVENTS_JSON_CLOSE);
    flush();
    eventsFile.push(new Uint8Array(0), true);
    const publicKey = strToU8(signer.publicKeyPem);
    const statement: Statement = {
      type: 'lrc.evidence-statement/1',
      packId,
      createdAt,
      exportedBy: { email: user.email, role: user.role },
      scope: { kind: 'period', filters: Object.fromEntries(new URLSearchParams(auditFiltersToQuery(filters))) },
      chain: head,
      key: { algorithm: 'Ed25519', keyId: signer.keyId },
      files: {
        [PACK_FILES.events]: { sha256: digest.digest('hex'), bytes },
        [PACK_FILES.publicKey]: { sha256: sha256Hex(publicKey), bytes: publicKey.byteLength },
      },
      eventCount: count,
      checkpoints: coverage?.used() ?? [],
    };
    for (const [name, data] of Object.entries({ [PACK_FILES.publicKey]: publicKey, ...signStatement(signer, statement) })) {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    }
    zip.end();
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) controller.error(error);
          else {
            controller.enqueue(chunk);
            chunksOut += 1;
            if (final) controller.close();
          }
        });
        eventsFile = new ZipDeflate(PACK_FILES.events, { level: 6 });
        zip.add(eventsFile);
        write(EVENTS_JSON_OPEN);
      },
      // A pull must enqueue something, or the stream never pulls again: the deflater keeps
      // small batches to itself, so read on until it gives out a chunk (or the events end).
      async pull() {
        coverage ??= checkpointCoverage(await checkpointsFrom(db, 0, signer.keyId, head.seq));
        rows ??= events();
        const before = chunksOut;
        while (chunksOut === before) {
          const next = await rows.next();
          if (next.done) return finish();
          for (const row of next.value) {
            const event = packEvent(row);
            write((count === 0 ? '' : EVENTS_JSON_SEPARATOR) + JSON.stringify(event));
            coverage.of(event.seq);
            count += 1;
          }
          flush();
        }
      },
      async cancel() {
        await rows?.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { packId, stream };
}
