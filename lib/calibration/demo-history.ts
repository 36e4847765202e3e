import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditAction } from '@/lib/audit/actions';
import { recordAuditEvent, type AuditActor } from '@/lib/audit/trail';
import { writeTransaction, type Database } from '@/lib/db';

// Demo mode only: a plausible past so that /audit/stats and its estimates have something to show
// on first run. The past caseload is of customers no longer in Artemis (ids the sandbox never
// uses), so the seeded decisions never take a live document out of the demo's queue.

const DAY = 86_400_000;
const FIRST_CUSTOMER = 92_001;
const FIRST_DOCUMENT = 96_001;
const reviewers: AuditActor[] = [
  { id: null, email: 'reviewer@demo.test', role: 'reviewer' },
  { id: null, email: 'reviewer2@demo.test', role: 'reviewer' },
];
const SYSTEM: AuditActor = { id: null, email: 'system:qa-draw', role: null };
const FAIL_REASONS = ['SPOOF_SUSPECTED', 'FACE_NOT_VISIBLE', 'POOR_QUALITY', 'FACE_MISMATCH'] as const;

type Planned = { at: number; run: (trx: Kysely<Database>, at: Date) => Promise<unknown> };

/** A seeded generator: the same history on every demo database. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/**
 * Seeds the history once, into an empty trail only: its events are dated in the past, and the
 * chain's time never goes backwards, so a trail with anything in it is left alone (which also
 * makes a restart a no-op). Every event carries `detail.demoSeed: true`. Returns the count.
 */
export async function seedDemoHistory(db: Kysely<Database>, thresholds: { pass: number; fail: number }, now = new Date()): Promise<number> {
  return writeTransaction(db, async (trx) => {
    if (await trx.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst()) return 0;
    const r = random(21);
    const start = now.getTime() - 60 * DAY;
    const plan: Planned[] = [];
    const event = (action: AuditAction, actor: AuditActor, fields: Record<string, unknown>) => (trx: Kysely<Database>, at: Date) =>
      recordAuditEvent({ action, actor, thresholds, ...fields, detail: { ...(fields.detail as object), demoSeed: true } }, trx, at);
    const decide = (at: number, doc: { customerId: number; documentId: number }, machine: { livenessResult: boolean; confidence: number }, human: boolean, by: AuditActor, extra: Record<string, unknown> = {}) => {
      const fields = {
        ...doc,
        machine,
        before: { conclusion: machine.livenessResult, facialCheck: machine.livenessResult },
        after: { conclusion: human, facialCheck: human },
        reasonCode: human ? 'FALSE_REJECT' : FAIL_REASONS[Math.floor(r() * FAIL_REASONS.length)],
        reasonText: human ? 'Live person: natural movement across the audit frames.' : 'Not a live capture, or the face cannot be judged from these frames.',
      };
      plan.push({
        at,
        run: async (trx, when) => {
          const attempt = await event('override.attempted', by, { ...fields, detail: extra })(trx, when);
          await event('override.applied', by, { ...fields, correlationId: attempt.id, upstreamStatus: 200, detail: extra })(trx, when);
        },
      });
    };

    let doc = 0;
    const nextDoc = () => ({ customerId: FIRST_CUSTOMER + (doc % 400), documentId: FIRST_DOCUMENT + doc++ });
    // About 300 decisions on documents the machine sent to the queue.
    for (let i = 0; i < 300; i++) {
      const at = start + r() * 59 * DAY;
      const failed = r() < 0.45;
      const machine = { livenessResult: !failed, confidence: Math.round((failed ? 5 + r() * 45 : 50 + r() * 40) * 10) / 10 };
      const human = failed ? r() < 0.12 : r() < 0.7;
      const [a, b] = r() < 0.5 ? reviewers : [reviewers[1]!, reviewers[0]!];
      const d = nextDoc();
      if (failed && human) {
        // Fail → Pass is the risky override: a second reviewer approved it (four eyes).
        const pair = { proposerEmail: a!.email, approverEmail: b!.email };
        plan.push({ at, run: event('override.proposed', a!, { ...d, machine, after: { conclusion: true, facialCheck: true }, reasonCode: 'FALSE_REJECT' }) });
        plan.push({ at: at + 0.5 * DAY * r(), run: event('override.approved', b!, { ...d, detail: pair }) });
        decide(at + 0.5 * DAY, d, machine, human, b!, pair);
      } else decide(at, d, machine, human, a!);
    }
    // A daily QA draw of automated passes, most judged within a day or two; about 3% disagreed with.
    for (let day = 0; day < 60; day++) {
      const at = start + day * DAY + 0.1 * DAY;
      const docs = Array.from({ length: 1 + Math.floor(r() * 3) }, nextDoc);
      plan.push({ at, run: event('qa.drawn', SYSTEM, { detail: { day: new Date(at).toISOString().slice(0, 10), seed: `demo-${day}`, percent: 2, population: docs.length * 50, documents: docs } }) });
      for (const d of docs) {
        const judgedAt = at + (0.2 + r() * 1.5) * DAY;
        if (judgedAt > now.getTime() - DAY) continue;
        const machine = { livenessResult: true, confidence: Math.round((90 + r() * 10) * 10) / 10 };
        const agree = r() > 0.03;
        const by = reviewers[Math.floor(r() * 2)]!;
        plan.push({ at: judgedAt, run: event('qa.verdict', by, { ...d, machine, reasonCode: agree ? 'OTHER' : 'SPOOF_SUSPECTED', reasonText: agree ? 'Live person, clear frames: the pass stands.' : 'Printed photo held to the camera.', detail: { verdict: agree ? 'agree' : 'disagree' } }) });
        if (!agree) decide(judgedAt - 1000, d, machine, false, by);
      }
    }
    plan.sort((x, y) => x.at - y.at);
    for (const p of plan) await p.run(trx, new Date(p.at));
    return plan.length;
  });
}
