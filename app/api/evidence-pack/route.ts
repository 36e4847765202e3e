import { z } from 'zod';
import { isArtemisError } from '@/lib/artemis';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor } from '@/lib/auth/session';
import { requestSource } from '@/lib/auth/request-source';
import { getDb } from '@/lib/db';
import { admitExport, overLimitMessage } from '@/lib/evidence-access/access';
import { buildDocumentPack } from '@/lib/evidence-pack/document-pack';
import { authorizePackDownload, packFileName } from '@/lib/evidence-pack/download';
import { PRIVATE_HEADERS } from '@/lib/security/headers';
import { positiveIdText } from '@/lib/ids';

export const dynamic = 'force-dynamic';

const query = z.object({ customerId: positiveIdText, documentId: positiveIdText });

/** One document's evidence pack (SPEC §16), for auditors and admins; the download is on the record. */
export async function GET(request: Request): Promise<Response> {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const gate = await authorizePackDownload(parsed.success ? { ...parsed.data, kind: 'document' } : { kind: 'document' });
  if (!gate.ok) return gate.response;
  if (!parsed.success) return Response.json({ error: 'Name a customer and a document by their ids.' }, { status: 400, headers: PRIVATE_HEADERS });
  const { customerId, documentId } = parsed.data;
  // A pack carries the faces: it counts against the fair-use limit like opening the document.
  const admitted = await admitExport(gate.user, { customerId, documentId }, await requestSource());
  if (!admitted.ok) {
    const error = overLimitMessage(admitted.retryAfterSeconds);
    return Response.json({ error }, { status: 429, headers: { ...PRIVATE_HEADERS, 'Retry-After': String(admitted.retryAfterSeconds) } });
  }

  const db = await getDb();
  let pack;
  try {
    pack = await buildDocumentPack(db, gate.user, customerId, documentId);
  } catch (error) {
    if (!isArtemisError(error)) throw error;
    return Response.json({ error: 'Artemis did not answer: the pack was not made. Try again.' }, { status: 502, headers: PRIVATE_HEADERS });
  }
  if (!pack) return Response.json({ error: 'This document does not exist in Artemis.' }, { status: 404, headers: PRIVATE_HEADERS });
  // On the record before it leaves: no record, no pack.
  await recordAuditEvent(
    {
      action: 'evidence.exported',
      actor: auditActor(gate.user),
      customerId,
      documentId,
      detail: { packId: pack.packId, kind: 'document', eventCount: pack.statement.eventCount, chainSeq: pack.statement.chain.seq },
    },
    db,
  );
  return new Response(pack.zip as Uint8Array<ArrayBuffer>, {
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': 'application/zip',
      'Content-Length': String(pack.zip.byteLength),
      'Content-Disposition': `attachment; filename="${packFileName(`${customerId}-${documentId}`)}"`,
    },
  });
}
