import type { Kysely } from 'kysely';
import { beforeEach, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { writeTransaction, type Database } from '@/lib/db';
import type { AuditEvent } from '@/lib/audit/trail';
import type { RecordWithDecision } from '@/lib/overrides/followers';
import type { OverrideResult } from '@/lib/overrides/results';
import { describeEachDialect } from '@/testing/db';

const state = vi.hoisted(() => ({ db: undefined as unknown, decisions: [] as unknown[], answer: undefined as unknown }));

vi.mock('@/lib/auth/session', () => ({ auditActor: (u: CurrentUser) => ({ id: u.id, email: u.email, role: u.role }) }));
vi.mock('@/lib/env', () => ({ getEnv: () => ({ thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 }, artemis: { timeoutMs: 1_000 } }) }));
// Agree goes through the pipeline too; here the document is always as the reviewer saw it.
vi.mock('@/lib/overrides/pipeline', () => ({
  runDecision: (step: { decide: (live: unknown, apply: unknown) => unknown }) => step.decide({}, () => undefined),
}));
// The decision path records what rides with the attempt, then (here) answers as told.
vi.mock('@/lib/overrides/decide', () => ({
  decideOverride: async (input: unknown, _user: unknown, { recordWith }: { recordWith: RecordWithDecision }) => {
    state.decisions.push(input);
    if (state.answer && (state.answer as { ok: boolean; kind?: string }).kind !== 'conflict') {
      await writeTransaction(state.db as Kysely<Database>, (trx) => recordWith(trx, { kind: 'attempt', id: 'attempt-1' }));
    }
    return state.answer;
  },
}));
vi.mock('@/lib/db', async (original) => ({ ...(await original<typeof import('@/lib/db')>()), getDb: async () => state.db }));

const { recordQaVerdict } = await import('./qa-verdict');
const { withdrawUnappliedDisagree } = await import('./qa-withdrawal');

const rita: CurrentUser = { id: 'u-r', email: 'rita@example.test', name: null, role: 'reviewer' };
const doc = { customerId: 7, documentId: 70 };
const input = (verdict: 'agree' | 'disagree') => ({
  ...doc,
  verdict,
  seenVersion: 'v1',
  reasonCode: 'OTHER' as const,
  reason: 'Checked every audit frame carefully.',
});

async function sample(db: Kysely<Database>) {
  await db
    .insertInto('qa_samples')
    .values({ day: '2026-03-04', customer_id: 7, document_id: 70, seed: 'abc', percent: 2, drawn_at: 'x', verdict: null, verdict_by: null, verdict_at: null })
    .execute();
}
const verdictEvents = (db: Kysely<Database>) =>
  db.selectFrom('audit_events').select(['detail_json', 'correlation_id']).where('action', '=', 'qa.verdict').execute();

await describeEachDialect('QA verdicts', (database) => {
  beforeEach(() => {
    state.db = database().db;
    state.decisions = [];
  });

  it('records Agree once, sending nothing, and refuses a second verdict', async () => {
    const { db } = database();
    await sample(db);
    expect(await recordQaVerdict(input('agree'), rita)).toEqual({ ok: true, verdict: 'agree', override: undefined });
    expect(state.decisions).toEqual([]);
    expect(JSON.parse((await verdictEvents(db))[0]!.detail_json!)).toMatchObject({ verdict: 'agree', day: '2026-03-04', seed: 'abc' });
    expect(await recordQaVerdict(input('disagree'), rita)).toMatchObject({ ok: false, kind: 'already-judged' });
    expect(await db.selectFrom('qa_samples').select(['verdict', 'verdict_by']).executeTakeFirst()).toEqual({
      verdict: 'agree',
      verdict_by: 'rita@example.test',
    });
  });

  it('sends Disagree through the decision path as Fail, and records the verdict with its attempt', async () => {
    const { db } = database();
    await sample(db);
    state.answer = { ok: true, outcome: 'applied', savedAt: 'now' } satisfies OverrideResult;
    expect(await recordQaVerdict(input('disagree'), rita)).toEqual({ ok: true, verdict: 'disagree', override: 'applied' });
    expect(state.decisions).toEqual([expect.objectContaining({ ...doc, conclusion: 'fail', facialCheck: 'fail', seenVersion: 'v1' })]);
    expect(await verdictEvents(db)).toEqual([{ detail_json: expect.stringContaining('"override":"attempted"'), correlation_id: 'attempt-1' }]);
    expect(await db.selectFrom('qa_samples').select(['verdict', 'verdict_ref']).executeTakeFirst()).toEqual({ verdict: 'disagree', verdict_ref: 'attempt-1' });
  });

  it("takes no second verdict while the Disagree's outcome is unknown; one found not applied is withdrawn", async () => {
    const { db } = database();
    await sample(db);
    state.answer = { ok: false, kind: 'unknown', message: 'Artemis did not answer in time.' } satisfies OverrideResult;
    expect(await recordQaVerdict(input('disagree'), rita)).toMatchObject({
      ok: false,
      kind: 'unknown',
      message: expect.stringContaining('Your Disagree stays recorded'),
    });
    expect(await recordQaVerdict(input('agree'), { ...rita, id: 'u-s', email: 'sam@example.test' })).toMatchObject({ ok: false, kind: 'already-judged' });

    // Settling reads Artemis back: the override was not applied, so neither is the verdict.
    const attempt = { id: 'attempt-1', ...doc } as AuditEvent;
    await withdrawUnappliedDisagree({ attempt, outcome: { action: 'override.not_applied' } as AuditEvent, document: null }, db);
    const [verdict] = await verdictEvents(db);
    const withdrawn = await db.selectFrom('audit_events').select(['correlation_id', 'detail_json']).where('action', '=', 'qa.verdict_withdrawn').execute();
    expect(withdrawn).toEqual([{ correlation_id: expect.any(String), detail_json: expect.stringContaining('"outcome":"override.not_applied"') }]);
    expect(
      await db.selectFrom('audit_events').select('id').where('action', '=', 'qa.verdict').where('id', '=', withdrawn[0]!.correlation_id!).execute(),
    ).toHaveLength(1);
    expect(verdict!.correlation_id).toBe('attempt-1');
    expect(await recordQaVerdict(input('agree'), { ...rita, id: 'u-s', email: 'sam@example.test' })).toEqual({
      ok: true,
      verdict: 'agree',
      override: undefined,
    });
    // An applied outcome, or another attempt's, withdraws nothing.
    await withdrawUnappliedDisagree({ attempt: { ...attempt, id: 'attempt-2' }, outcome: { action: 'override.failed' } as AuditEvent, document: null }, db);
    expect(await db.selectFrom('qa_samples').select('verdict').executeTakeFirst()).toEqual({ verdict: 'agree' });
  });

  it('records no verdict when the override does not go through', async () => {
    const { db } = database();
    await sample(db);
    state.answer = { ok: false, kind: 'conflict', message: 'This document changed since you opened it', busy: true } satisfies OverrideResult;
    expect(await recordQaVerdict(input('disagree'), rita)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(await verdictEvents(db)).toEqual([]);
    expect(await recordQaVerdict({ ...input('agree'), documentId: 71 }, rita)).toMatchObject({ ok: false, kind: 'not-sampled' });
  });
});
