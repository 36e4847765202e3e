/** Results shared by the override, approve and reject actions and the forms that call them. */
export type DecisionSnapshot = {
  conclusion: boolean | undefined;
  facialCheck: boolean | undefined;
  livenessResult: boolean | undefined;
  confidence: number | undefined;
  updatedAt: string | null;
};

export type OverrideResult =
  | { ok: true; outcome: 'applied'; savedAt: string }
  | { ok: true; outcome: 'proposed'; proposalId: string }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[] | undefined> }
  | { ok: false; kind: 'denied' | 'not-found' | 'failed' | 'pending-proposal'; message: string; requestId?: string }
  | { ok: false; kind: 'conflict'; message: string; current: DecisionSnapshot };

export type ProposalDecisionResult =
  | { ok: true; outcome: 'approved' | 'rejected' }
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[] | undefined> }
  | { ok: false; kind: 'denied' | 'not-found' | 'failed' | 'stale' | 'closed'; message: string; requestId?: string };
