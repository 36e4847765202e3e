/** Results shared by the override, approve and reject actions and the forms that call them. */
export type DecisionSnapshot = {
  conclusion: boolean | undefined;
  facialCheck: boolean | undefined;
  livenessResult: boolean | undefined;
  confidence: number | undefined;
  updatedAt: string | null;
};

type Pair = { conclusion: boolean | null; facialCheck: boolean | null };

/** How a PUT ended, when it did not apply the decision (SPEC §8). */
export type UnappliedOutcome =
  | { ok: false; kind: 'failed'; message: string; requestId?: string }
  | { ok: false; kind: 'not-applied'; message: string; returned: Pair; requestId?: string }
  | { ok: false; kind: 'unknown'; message: string; requestId?: string };

/** Another decision on the document is under way, or it changed since the form was rendered. */
export type ConflictResult =
  | { ok: false; kind: 'conflict'; message: string; current: DecisionSnapshot; busy?: undefined }
  | { ok: false; kind: 'conflict'; message: string; busy: true };

export type OverrideResult =
  | { ok: true; outcome: 'applied'; savedAt: string }
  | { ok: true; outcome: 'proposed'; proposalId: string }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[] | undefined> }
  | { ok: false; kind: 'denied' | 'not-found' | 'failed' | 'pending-proposal'; message: string; requestId?: string }
  | UnappliedOutcome
  | ConflictResult;

export type ProposalDecisionResult =
  | { ok: true; outcome: 'approved' | 'rejected' }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[] | undefined> }
  | { ok: false; kind: 'denied' | 'not-found' | 'failed' | 'stale' | 'closed'; message: string; requestId?: string }
  | UnappliedOutcome
  | Extract<ConflictResult, { busy: true }>;
