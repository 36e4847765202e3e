import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db';
import { recordFromJson } from '@/lib/records';
import type { AuditAction } from './actions';
import type { AuditFilters } from './filters';
import { APPLIED } from './outcomes';
import { iterateAuditEvents } from './query';

export type Tally = {
  /** Human decisions in effect in Artemis (override.applied). */
  decisions: number;
  /** Of those, how many had a machine liveness result to compare with. */
  comparable: number;
  /** The reviewer's conclusion differs from the machine's liveness result. */
  overrides: number;
  /** Machine said Fail, the human said Pass. */
  failToPass: number;
  /** Machine said Pass, the human said Fail. */
  passToFail: number;
  /** Machine said Fail: the population of the false-reject estimate (failToPass of these). */
  machineFails: number;
};

/** Four-eyes activity in the period: proposals made and what became of them. */
export type FourEyesTally = { proposed: number; approved: number; rejected: number; stale: number };

export type OverrideStats = {
  overall: Tally;
  fourEyes: FourEyesTally;
  byReviewer: { key: string; tally: Tally }[];
  byReasonCode: { key: string; tally: Tally }[];
  /** Per UTC month (YYYY-MM) of the decision, oldest first. */
  byMonth: { key: string; tally: Tally }[];
};

const emptyTally = (): Tally => ({ decisions: 0, comparable: 0, overrides: 0, failToPass: 0, passToFail: 0, machineFails: 0 });

/** Overrides ÷ comparable decisions, or null when there is nothing to compare. */
export function overrideRate(t: Tally): number | null {
  return t.comparable === 0 ? null : t.overrides / t.comparable;
}

/**
 * Human vs machine over the filtered period: every decision that took effect, compared with the
 * machine's liveness result recorded beside it. Streams the events in batches, so its cost grows
 * with the period chosen, not with memory.
 */
export async function computeOverrideStats(
  filters: Pick<AuditFilters, 'from' | 'to' | 'actor' | 'reasonCode' | 'customerId'>,
  options: { db?: Kysely<Database> } = {},
): Promise<OverrideStats> {
  const overall = emptyTally();
  const byReviewer = new Map<string, Tally>();
  const byReason = new Map<string, Tally>();
  const byMonth = new Map<string, Tally>();
  const add = (t: Tally, machine: boolean | undefined, human: boolean | undefined) => {
    t.decisions += 1;
    if (machine === undefined || human === undefined) return;
    t.comparable += 1;
    if (machine !== human) t.overrides += 1;
    if (!machine) t.machineFails += 1;
    if (!machine && human) t.failToPass += 1;
    if (machine && !human) t.passToFail += 1;
  };
  const tallyOf = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = emptyTally()));
    return t;
  };

  const fourEyes: FourEyesTally = { proposed: 0, approved: 0, rejected: 0, stale: 0 };
  for await (const batch of iterateAuditEvents({ ...filters, action: APPLIED }, options)) {
    for (const row of batch) {
      const m = recordFromJson(row.machine_json).livenessResult;
      const h = recordFromJson(row.after_json).conclusion;
      const machine = typeof m === 'boolean' ? m : undefined;
      const human = typeof h === 'boolean' ? h : undefined;
      add(overall, machine, human);
      if (recordFromJson(row.detail_json).approverEmail) fourEyes.approved += 1;
      // A four-eyes decision belongs to the reviewer who proposed it, not the one who approved it.
      const proposer = recordFromJson(row.detail_json).proposerEmail;
      add(tallyOf(byReviewer, typeof proposer === 'string' ? proposer : row.actor_email), machine, human);
      add(tallyOf(byReason, row.reason_code ?? 'none'), machine, human);
      add(tallyOf(byMonth, row.occurred_at.slice(0, 7)), machine, human);
    }
  }
  // Approvals count once Artemis applied them (above); proposals and their other ends by event.
  const fourEyesActions = {
    'override.proposed': 'proposed',
    'override.rejected': 'rejected',
    'override.proposal_stale': 'stale',
  } as const satisfies Partial<Record<AuditAction, keyof FourEyesTally>>;
  for (const [action, key] of Object.entries(fourEyesActions)) {
    for await (const batch of iterateAuditEvents({ ...filters, action }, options)) fourEyes[key] += batch.length;
  }
  const sorted = (map: Map<string, Tally>) =>
    [...map.entries()].map(([key, tally]) => ({ key, tally })).sort((a, b) => b.tally.decisions - a.tally.decisions || a.key.localeCompare(b.key));
  const months = [...byMonth.entries()].map(([key, tally]) => ({ key, tally })).sort((a, b) => a.key.localeCompare(b.key));
  return { overall, fourEyes, byReviewer: sorted(byReviewer), byReasonCode: sorted(byReason), byMonth: months };
}
