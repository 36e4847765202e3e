import { auditFiltersToQuery, parseAuditFilters } from '@/lib/audit/filters';
import { countAuditEvents } from '@/lib/audit/query';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { readChainHead } from '@/lib/evidence-pack/chain-head';
import { authorizePackDownload, packFileName } from '@/lib/evidence-pack/download';
import { PRIVATE_HEADERS } from '@/lib/security/headers';
import { PERIOD_PACK_MAX_EVENTS, periodPackStream } from '@/lib/evidence-pack/period-pack';

export const dynamic = 'force-dynamic';

/** The filtered audit log as a signed evidence pack (SPEC §16): streamed, up to a million events. */
export async function GET(request: Request): Promise<Response> {
  const { filters } = parseAuditFilters(new URL(request.url).searchParams);
  const query = auditFiltersToQuery(filters);
  const gate = await authorizePackDownload({ kind: 'period', query });
  if (!gate.ok) return gate.response;

  const db = await getDb();
  const head = await readChainHead(db);
  const count = await countAuditEvents(filters, { db, upToSeq: head.seq });
  if (count > PERIOD_PACK_MAX_EVENTS) {
    const error = `These filters match ${count.toLocaleString('en')} events; a pack holds at most ${PERIOD_PACK_MAX_EVENTS.toLocaleString('en')}. Narrow the dates and export again.`;
    return Response.json({ error }, { status: 413, headers: PRIVATE_HEADERS });
  }
  const { packId, stream } = periodPackStream(db, gate.user, filters, head);
  await recordAuditEvent(
    {
      action: 'evidence.exported',
      actor: auditActor(gate.user),
      detail: { packId, kind: 'period', query, eventCount: count, chainSeq: head.seq },
    },
    db,
  );
  return new Response(stream, {
    headers: { ...PRIVATE_HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${packFileName('audit')}"` },
  });
}
