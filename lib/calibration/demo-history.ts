import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditAction } from '@/lib/audit/actions';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import { writeTransaction, type Database } from '@/lib/db';
import type { ReasonCode } from '@/lib/liveness/reason-codes';
import { asRecord, recordFromJson } from '@/lib/records';
import { DEMO_ACCOUNTS } from '@/lib/users/demo';
import type { DemoCaseloadSource, DocRef, PastCase, PastDraw, Reviewer } from './demo-caseload';
import { drawRank } from './qa-draw';

// Demo mode only: the trail of the past caseload the embedded sandbox holds (handed in by start-up),
// so that the statistics, the what-if, the Recently decided tab and those documents' history
// panels have something to show on first run, and all of them agree with what Artemis holds.

const REVIEWERS: AuditActor[] = DEMO_ACCOUNTS.filter((a) => a.role === 'reviewer').map((a) => ({ id: null, email: a.email, role: a.role }));
const SYSTEM: AuditActor = { id: null, email: 'system:qa-draw', role: null };
const QA_PERCENT = 2;
const FAIL_REASONS = ['SPOOF_SUSPECTED', 'FACE_NOT_VISIBLE', 'POOR_QUALITY', 'FACE_MISMATCH'] as const satisfies ReasonCode[];
const REASON_TEXT: Record<'pass' | 'fail' | 'agree', string> = {
  pass: 'Live person: natural movement across the audit frames.',
  fail: 'Not a live capture, or the face cannot be judged from these frames.',
  agree: 'Live person, clear frames: the pass stands.',
};

/**
 * The day the seeded history ends, which the embedded sandbox's past caseload must match: today
 * for an empty trail (it is about to be seeded), the day recorded in the trail's first event when
 * that is the seed, and null for a trail that began without it (no caseload then).
 */
export async function demoHistoryEnd(db: Kysely<Database>, source: DemoCaseloadSource, now = new Date()): Promise<Date | null> {
  const first = await db.selectFrom('audit_events').select('detail_json').orderBy('seq').limit(1).executeTakeFirst();
  if (!first) return new Date(source.caseloadEnd(now));
  const until = recordFromJson(first.detail_json).demoSeedUntil;
  return typeof until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(until) ? new Date(`${until}T00:00:00.000Z`) : null;
}

/** The seed of a past draw: the first whose rank (the live draw's rule) picks the document drawn. */
function seedThatDraws(draw: PastDraw): string {
  for (let n = 0; ; n++) {
    const seed = `demo-${draw.day}-${n}`;
    const [first] = [...draw.candidates].sort((a, b) => (drawRank(seed, a) < drawRank(seed, b) ? -1 : 1));
    if (first!.documentId === draw.drawn.documentId) return seed;
  }
}

type Planned = { at: number; write: (trx: Kysely<Database>, at: Date) => Promise<unknown> };

/**
 * Seeds the trail of the caseload ending on `until`'s day, once, into an empty trail only: its
 * events are dated in the past and the chain's time never goes backwards, so a trail with
 * anything in it is left alone (a restart is a no-op). Every event carries `detail.demoSeed:
 * true` and the day the history ends. The QA sample gets the past draws with their verdicts.
 * Returns the number of events written.
 */
export async function seedDemoHistory(
  db: Kysely<Database>,
  source: DemoCaseloadSource,
  until: Date,
  thresholds: { pass: number; fail: number },
): Promise<number> {
  const untilDay = new Date(source.caseloadEnd(until)).toISOString().slice(0, 10);
  return writeTransaction(db, async (trx) => {
    if (await trx.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst()) return 0;
    const { cases, draws } = source.pastCaseload(until);
    const plan: Planned[] = [];
    const mark = { demoSeed: true, demoSeedUntil: untilDay };
    const event =
      (action: AuditAction, actor: AuditActor, fields: Record<string, unknown> = {}) =>
      (t: Kysely<Database>, at: Date) =>
        recordAuditEvent({ action, actor, thresholds, ...fields, detail: { ...asRecord(fields.detail), ...mark } }, t, at);
    const seeds = new Map(draws.map((d) => [d.day, seedThatDraws(d)]));
    // Each decision's attempt id, known once written: its outcome and QA verdict, later in time, name it.
    const attempts = new Map<number, string>();

    for (const [i, c] of cases.entries()) {
      const ref: DocRef = { customerId: c.customerId, documentId: c.documentId };
      if (c.decision) planDecision(plan, event, attempts, i, c, ref);
      const verdict = c.qa?.verdict;
      if (c.qa && verdict) {
        const fields = {
          ...ref,
          machine: c.machine,
          reasonCode: verdict.agree ? 'OTHER' : 'SPOOF_SUSPECTED',
          reasonText: verdict.agree ? REASON_TEXT.agree : 'Printed photo held to the camera.',
          detail: {
            verdict: verdict.agree ? 'agree' : 'disagree',
            day: c.qa.day,
            seed: seeds.get(c.qa.day),
            ...(verdict.agree ? {} : { override: 'attempted' }),
          },
        };
        // A Disagree is recorded with its override's attempt, before the PUT.
        plan.push({
          at: verdictTime(verdict),
          write: (t, at) => event('qa.verdict', REVIEWERS[verdict.by]!, { ...fields, correlationId: verdict.agree ? null : attempts.get(i) })(t, at),
        });
      }
    }
    for (const d of draws) {
      plan.push({
        at: d.drawnAt,
        write: event('qa.drawn', SYSTEM, {
          detail: { day: d.day, seed: seeds.get(d.day), percent: QA_PERCENT, population: d.candidates.length, topUp: false, documents: [d.drawn] },
        }),
      });
    }

    // Stable: events planned for one instant keep their order (an attempt before its outcome).
    plan.sort((a, b) => a.at - b.at);
    for (const p of plan) await p.write(trx, new Date(p.at));
    const sampled = [...cases.entries()].filter((e): e is [number, PastCase & { qa: NonNullable<PastCase['qa']> }] => e[1].qa !== undefined);
    if (sampled.length > 0) {
      const drawnAt = new Map(draws.map((d) => [d.day, new Date(d.drawnAt).toISOString()]));
      await trx
        .insertInto('qa_samples')
        .values(
          sampled.map(([i, c]) => ({
            day: c.qa.day,
            customer_id: c.customerId,
            document_id: c.documentId,
            seed: seeds.get(c.qa.day)!,
            percent: QA_PERCENT,
            drawn_at: drawnAt.get(c.qa.day)!,
            verdict: c.qa.verdict ? (c.qa.verdict.agree ? 'agree' : 'disagree') : null,
            verdict_by: c.qa.verdict ? REVIEWERS[c.qa.verdict.by]!.email : null,
            verdict_at: c.qa.verdict ? new Date(verdictTime(c.qa.verdict)).toISOString() : null,
            verdict_ref: c.qa.verdict && !c.qa.verdict.agree ? (attempts.get(i) ?? null) : null,
          })),
        )
        .execute();
    }
    return plan.length;
  });
}

/** When a verdict was recorded: an Agree after the reviewer looked, a Disagree with its attempt. */
const verdictTime = (verdict: { agree: boolean; at: number }) => verdict.at + (verdict.agree ? 1_000 : -1_000);

type EventWriter = (action: AuditAction, actor: AuditActor, fields?: Record<string, unknown>) => (t: Kysely<Database>, at: Date) => Promise<{ id: string }>;

/** A decision as the decision path records it: proposal and approval (four eyes), attempt, applied. */
function planDecision(plan: Planned[], event: EventWriter, attempts: Map<number, string>, i: number, c: PastCase, ref: DocRef): void {
  const decision = c.decision!;
  const machine = c.machine.livenessResult;
  const reasonCode: ReasonCode = decision.pass ? (machine ? 'OTHER' : 'FALSE_REJECT') : FAIL_REASONS[c.documentId % FAIL_REASONS.length]!;
  const fields = {
    ...ref,
    machine: c.machine,
    before: { conclusion: machine, facialCheck: machine },
    after: { conclusion: decision.pass, facialCheck: decision.pass },
    reasonCode,
    reasonText: decision.pass ? REASON_TEXT.pass : REASON_TEXT.fail,
  };
  const proposer: Reviewer = decision.by;
  let sender = REVIEWERS[proposer]!;
  let pair: Record<string, string> = {};
  if (decision.fourEyes) {
    const approver = REVIEWERS[decision.fourEyes.approvedBy]!;
    pair = { proposerEmail: REVIEWERS[proposer]!.email, approverEmail: approver.email };
    sender = approver;
    plan.push({ at: decision.fourEyes.proposedAt, write: event('override.proposed', REVIEWERS[proposer]!, { ...fields, detail: { policy: 'risky' } }) });
    plan.push({ at: decision.at - 2_000, write: event('override.approved', approver, { ...ref, detail: pair }) });
  }
  plan.push({
    at: decision.at - 1_000,
    write: async (t, at) => attempts.set(i, (await event('override.attempted', sender, { ...fields, detail: pair })(t, at)).id),
  });
  plan.push({
    at: decision.at,
    write: (t, at) => event('override.applied', sender, { ...fields, correlationId: attempts.get(i), upstreamStatus: 200, detail: pair })(t, at),
  });
}
