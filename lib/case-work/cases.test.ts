import { beforeEach, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { createDemoSeed, SEED_CASES } from '@/sandbox/seed';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/env', () => ({ getEnv: () => ({ artemis: { timeoutMs: 1_000 }, evidenceDocumentsPer10Minutes: 60, reviewSlaHours: 24 }) }));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { assign, decisionRefusal, escalate, returnToQueue, unassignSelf, caseStateOf } = await import('./cases');
const { indexCustomers, recordDecisionInIndex } = await import('@/lib/document-index/store');
const { admitView } = await import('@/lib/evidence-access/access');
const { claimDocument } = await import('@/lib/claims/claims');
const { createProposal } = await import('@/lib/overrides/proposals');
const { createUser, setUserStatus } = await import('@/lib/users/store');

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const seed = createDemoSeed('');
const documentOf = (id: number) => seed.documents.find((d) => d.id === id)! as unknown as ArtemisDocument;
const customerOf = (id: number) => seed.customers.find((c) => c.id === id)! as unknown as ArtemisCustomer;
const request = { client: '198.51.100.7', requestId: 'req-1' };
const A = SEED_CASES.lowConfidence;
const B = SEED_CASES.veryLowConfidence;
const clean = SEED_CASES.cleanPass;

await describeEachDialect('case work: escalation and assignment', (database) => {
  let rita: CurrentUser;
  let sam: CurrentUser;
  let ada: CurrentUser;

  beforeEach(async () => {
    state.db = database().db;
    const person = async (email: string, role: 'reviewer' | 'admin' | 'auditor') => {
      const u = await createUser({ email, role, password: 'a long and unusual passphrase 7' });
      return { id: u.id, email: u.email, name: null, role } as CurrentUser;
    };
    [rita, sam, ada] = [await person('rita@example.test', 'reviewer'), await person('sam@example.test', 'reviewer'), await person('ada@example.test', 'admin')];
    for (const key of [A, B, clean]) {
      await indexCustomers(database().db, [{ customer: customerOf(key.customerId), documents: [documentOf(key.documentId)] }], THRESHOLDS);
    }
  });

  const events = (action: string) =>
    database().db.selectFrom('audit_events').select(['actor_email', 'document_id', 'reason_text']).where('action', '=', action).orderBy('seq').execute();

  it('escalating needs the open review screen; then only admins may decide; returning gives it back', async () => {
    expect(await escalate(rita, A, 'Different people in the two photos.', request)).toMatchObject({
      ok: false,
      message: 'Open the document in the console to escalate it.',
    });
    await admitView(rita, A, { ...request, source: 'artemis' });
    expect(await escalate(rita, A, 'Different people in the two photos.', request)).toEqual({ ok: true, message: 'Escalated to the compliance lead.' });
    expect((await caseStateOf(A)).escalation).toMatchObject({ byEmail: rita.email, reason: 'Different people in the two photos.' });
    expect(await decisionRefusal(A, sam)).toBe(`Escalated by ${rita.email}: only an admin can decide it now.`);
    expect(await decisionRefusal(A, ada)).toBeNull();
    expect(await escalate(rita, A, 'Once more, to be sure.', request)).toMatchObject({ ok: false, message: `Already escalated by ${rita.email}.` });

    expect(await returnToQueue(ada, A, 'An ordinary review will do.', request)).toMatchObject({ ok: true });
    expect(await decisionRefusal(A, sam)).toBeNull();
    expect(await returnToQueue(ada, A, 'An ordinary review will do.', request)).toMatchObject({ ok: false, message: 'This document is not escalated.' });
    expect((await events('case.escalated')).map((e) => [e.actor_email, e.reason_text])).toEqual([[rita.email, 'Different people in the two photos.']]);
    expect((await events('case.returned')).map((e) => e.actor_email)).toEqual([ada.email]);
  });

  it('escalation is refused while another holds the claim, while a proposal waits, and outside the queue', async () => {
    for (const key of [A, B, clean]) await admitView(rita, key, { ...request, source: 'artemis' });
    await claimDocument(database().db, sam, A.customerId, A.documentId);
    expect(await escalate(rita, A, 'Different people in the two photos.', request)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Being reviewed by'),
    });
    await createProposal({
      ...B,
      proposer: sam,
      conclusion: true,
      facialCheck: true,
      reasonCode: 'OTHER',
      reasonText: 'A live person, checked twice.',
      seenVersion: 'v1',
      before: { conclusion: false, facialCheck: false },
    });
    expect(await escalate(rita, B, 'Different people in the two photos.', request)).toMatchObject({
      ok: false,
      message: expect.stringContaining('awaiting approval'),
    });
    expect(await escalate(rita, clean, 'Different people in the two photos.', request)).toMatchObject({
      ok: false,
      message: 'This document is no longer in the review queue.',
    });
    expect(await events('case.escalated')).toEqual([]);
  });

  it('assigns in bulk with each refusal named; refuses disabled accounts and auditors outright; the assignee can unassign', async () => {
    const otto = await createUser({ email: 'otto@example.test', role: 'auditor', password: 'a long and unusual passphrase 7' });
    expect(await assign(ada, otto.id, [A])).toMatchObject({
      ok: false,
      message: 'otto@example.test is an auditor: only reviewers and admins decide documents.',
    });
    await setUserStatus(sam.id, 'disabled');
    expect(await assign(ada, sam.id, [A])).toMatchObject({ ok: false, message: expect.stringContaining('is disabled') });

    const result = await assign(ada, rita.id, [A, B, clean]);
    expect(result).toEqual({
      ok: true,
      message: '2 of 3 assigned to rita@example.test; 1 not assigned.',
      assigned: 2,
      refusals: [{ ...clean, reason: 'This document is no longer in the review queue.' }],
    });
    expect((await events('case.assigned')).map((e) => Number(e.document_id))).toEqual([A.documentId, B.documentId]);
    expect((await caseStateOf(A)).assignee).toMatchObject({ userId: rita.id, label: 'rita@example.test' });

    expect(await unassignSelf(ada, A)).toMatchObject({ ok: false, message: 'This document is not assigned to you.' });
    expect(await unassignSelf(rita, A)).toMatchObject({ ok: true });
    expect((await caseStateOf(A)).assignee).toBeNull();
  });

  it('a decision ends the case; a document that comes back into the queue starts a new one', async () => {
    await admitView(rita, A, { ...request, source: 'artemis' });
    await escalate(rita, A, 'Different people in the two photos.', request);
    await assign(ada, rita.id, [A]);
    await recordDecisionInIndex(
      A.customerId,
      A.documentId,
      documentOf(A.documentId),
      { decidedAt: new Date().toISOString(), decidedBy: ada.email },
      THRESHOLDS,
      database().db,
    );
    expect(await caseStateOf(A)).toEqual({ inQueue: false, escalation: null, assignee: null });
    // Back in the queue (the decision no longer known to the index): its case starts empty.
    await indexCustomers(database().db, [{ customer: customerOf(A.customerId), documents: [documentOf(A.documentId)] }], THRESHOLDS);
    expect(await caseStateOf(A)).toEqual({ inQueue: true, escalation: null, assignee: null });
  });
});
