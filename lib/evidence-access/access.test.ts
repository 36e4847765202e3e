import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown, limit: 60 }));
vi.mock('@/lib/env', () => ({ getEnv: () => ({ evidenceDocumentsPer10Minutes: state.limit }) }));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { admitExport, admitReadAhead, admitView, IMAGE_WINDOW_MS, imagesAllowed, refuseOverLimit, secondsUntilAdmitted, VIEW_WINDOW_MS } =
  await import('./access');
const { metrics } = await import('@/lib/metrics');

const refusalsCounted = async () => (await metrics().evidenceRateLimited.get()).values.reduce((sum, v) => sum + v.value, 0);

const MINUTE = 60_000;
const reviewer = { id: 'u-reviewer', email: 'reviewer@example.test', role: 'reviewer' };
const request = { client: '198.51.100.7', requestId: 'req-0001' };
const doc = (documentId: number) => ({ customerId: 1042, documentId });

await describeEachDialect('who saw which face (evidence access)', (database) => {
  const t0 = Date.parse('2026-12-07T09:00:00.000Z');

  beforeEach(() => {
    state.db = database().db;
    state.limit = 60;
  });

  const events = (action: string) =>
    database()
      .db.selectFrom('audit_events')
      .select(['action', 'actor_email', 'customer_id', 'document_id', 'occurred_at', 'detail_json'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('a view is one evidence.viewed; the same person again within 10 minutes adds none; after that, another', async () => {
    const first = await admitView(reviewer, doc(1), { ...request, source: 'artemis' }, t0);
    expect(first).toMatchObject({ ok: true, recorded: { action: 'evidence.viewed', customerId: 1042, documentId: 1 } });
    expect(await admitView(reviewer, doc(1), { ...request, source: 'read-ahead' }, t0 + 5 * MINUTE)).toEqual({ ok: true, recorded: null });
    expect(await admitView(reviewer, doc(1), { ...request, source: 'artemis' }, t0 + VIEW_WINDOW_MS - 1)).toEqual({ ok: true, recorded: null });
    const later = await admitView(reviewer, doc(1), { ...request, source: 'read-ahead' }, t0 + VIEW_WINDOW_MS + 1);
    expect(later.ok && later.recorded).toBeTruthy();

    const viewed = await events('evidence.viewed');
    expect(viewed).toHaveLength(2);
    expect(JSON.parse(viewed[0]!.detail_json!)).toEqual({ client: '198.51.100.7', consoleRequestId: 'req-0001', source: 'artemis' });
    expect(JSON.parse(viewed[1]!.detail_json!)).toMatchObject({ source: 'read-ahead' });
  });

  it('each person and each document is a view of its own', async () => {
    const auditor = { id: 'u-auditor', email: 'auditor@example.test', role: 'auditor' };
    await admitView(reviewer, doc(1), { ...request, source: 'artemis' }, t0);
    await admitView(auditor, doc(1), { ...request, source: 'artemis' }, t0 + 1);
    await admitView(reviewer, doc(2), { ...request, source: 'artemis' }, t0 + 2);
    expect((await events('evidence.viewed')).map((e) => [e.actor_email, Number(e.document_id)])).toEqual([
      ['reviewer@example.test', 1],
      ['auditor@example.test', 1],
      ['reviewer@example.test', 2],
    ]);
  });

  it('a pack download counts against the limit as a view does, without a view event; past it, refused and recorded', async () => {
    state.limit = 2;
    const auditor = { id: 'u-auditor', email: 'auditor@example.test', role: 'auditor' };
    expect(await admitExport(auditor, doc(1), request, t0)).toEqual({ ok: true });
    expect(await admitView(auditor, doc(2), { ...request, source: 'artemis' }, t0 + 1)).toMatchObject({ ok: true });
    expect(await admitExport(auditor, doc(1), request, t0 + 2)).toEqual({ ok: true });
    expect(await admitExport(auditor, doc(3), request, t0 + 3)).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect((await events('evidence.viewed')).map((e) => Number(e.document_id))).toEqual([2]);
    expect((await events('evidence.rate_limited')).map((e) => [e.actor_email, Number(e.document_id)])).toEqual([['auditor@example.test', 3]]);
  });

  it('images only within 30 minutes of a view; a refusal is evidence.denied, once per 10 minutes', async () => {
    expect(await imagesAllowed(reviewer, doc(1), request, t0)).toBe(false);
    expect(await imagesAllowed(reviewer, doc(1), request, t0 + MINUTE)).toBe(false);
    expect(await events('evidence.denied')).toHaveLength(1);

    await admitView(reviewer, doc(1), { ...request, source: 'artemis' }, t0 + 2 * MINUTE);
    expect(await imagesAllowed(reviewer, doc(1), request, t0 + 3 * MINUTE)).toBe(true);
    expect(await imagesAllowed(reviewer, doc(2), request, t0 + 3 * MINUTE)).toBe(false);
    expect(await imagesAllowed(reviewer, doc(1), request, t0 + 2 * MINUTE + IMAGE_WINDOW_MS + 1)).toBe(false);
    expect((await events('evidence.denied')).map((e) => Number(e.document_id))).toEqual([1, 2, 1]);
  });

  it('a read-ahead counts against the limit but is no view, and opens no images', async () => {
    expect(await admitReadAhead(reviewer.id, doc(1), t0)).toBe(true);
    expect(await events('evidence.viewed')).toHaveLength(0);
    expect(await imagesAllowed(reviewer, doc(1), request, t0 + 1)).toBe(false);
    state.limit = 1;
    expect(await admitReadAhead(reviewer.id, doc(2), t0 + 2)).toBe(false);
    expect(await admitView(reviewer, doc(1), { ...request, source: 'read-ahead' }, t0 + 3)).toMatchObject({ ok: true });
  });

  it('past EVIDENCE_DOCUMENTS_PER_10_MINUTES distinct documents: refused until the oldest leaves the window, on the record once', async () => {
    state.limit = 3;
    for (const [i, documentId] of [1, 2, 3].entries()) {
      expect(await admitView(reviewer, doc(documentId), { ...request, source: 'artemis' }, t0 + i * MINUTE)).toMatchObject({ ok: true });
    }
    // Opening one already counted is no new document.
    expect(await admitView(reviewer, doc(2), { ...request, source: 'artemis' }, t0 + 4 * MINUTE)).toMatchObject({ ok: true });
    const counted = await refusalsCounted();
    const refused = await admitView(reviewer, doc(4), { ...request, source: 'artemis' }, t0 + 5 * MINUTE);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 5 * 60 });
    // The proxy's reading and its refusal agree with the page's.
    expect(await secondsUntilAdmitted(reviewer.id, doc(4), t0 + 5 * MINUTE)).toBe(5 * 60);
    expect(await secondsUntilAdmitted(reviewer.id, doc(3), t0 + 5 * MINUTE)).toBeNull();
    expect(await refuseOverLimit(reviewer, doc(4), request, t0 + 5 * MINUTE)).toBe(5 * 60);
    expect(await refuseOverLimit(reviewer, doc(3), request, t0 + 5 * MINUTE)).toBeNull();
    expect(await admitView(reviewer, doc(5), { ...request, source: 'artemis' }, t0 + 6 * MINUTE)).toMatchObject({ ok: false });
    // Every refusal is counted; the trail has the first of the window.
    expect((await refusalsCounted()) - counted).toBe(3);

    const limited = await events('evidence.rate_limited');
    expect(limited).toHaveLength(1);
    expect(JSON.parse(limited[0]!.detail_json!)).toMatchObject({ limit: 3, windowMinutes: 10, client: '198.51.100.7' });
    expect((await events('evidence.viewed')).map((e) => Number(e.document_id))).toEqual([1, 2, 3]);

    // Ten minutes after the first document it leaves the window, and one more may open.
    expect(await admitView(reviewer, doc(4), { ...request, source: 'artemis' }, t0 + VIEW_WINDOW_MS + 1)).toMatchObject({ ok: true });
    // Reached again in a later window, the limit is recorded again.
    for (const [i, documentId] of [6, 7].entries()) {
      expect(await admitView(reviewer, doc(documentId), { ...request, source: 'artemis' }, t0 + 16 * MINUTE + i)).toMatchObject({ ok: true });
    }
    expect(await admitView(reviewer, doc(8), { ...request, source: 'artemis' }, t0 + 16 * MINUTE + 5)).toMatchObject({ ok: false });
    expect(await events('evidence.rate_limited')).toHaveLength(2);
  });

  it('views of one document at the same moment, from two instances, are one event and one document', async () => {
    state.limit = 1;
    const results = await Promise.all([1, 2, 3, 4].map(() => admitView(reviewer, doc(7), { ...request, source: 'artemis' }, t0)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await events('evidence.viewed')).toHaveLength(1);
    const others = await Promise.all([8, 9].map((documentId) => admitView(reviewer, doc(documentId), { ...request, source: 'artemis' }, t0 + 1)));
    expect(others.filter((r) => r.ok)).toHaveLength(0);
  });
});
