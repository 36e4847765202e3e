// What the demo's past caseload is, as the embedded sandbox makes it (sandbox/past-caseload.ts)
// and demo mode reads it to write its trail (./demo-history.ts): plain types, no imports.

/** Which of the two demo reviewers acted; the console maps it to an account. */
export type Reviewer = 0 | 1;
export type DocRef = { customerId: number; documentId: number };

export type PastDecision = {
  /** The human's verdict, written to Artemis as conclusion and facial check. */
  pass: boolean;
  by: Reviewer;
  /** When Artemis applied it (epoch ms). */
  at: number;
  /** A Fail → Pass went through four eyes: proposed by `by`, approved (and sent) by `approvedBy`. */
  fourEyes?: { proposedAt: number; approvedBy: Reviewer };
};

export type PastCase = DocRef & {
  machine: { livenessResult: boolean; confidence: number };
  /** When Artemis last wrote the document: the decision, or else the machine's result. */
  updatedAt: number;
  decision?: PastDecision;
  /** Drawn into the QA sample; a verdict once a reviewer gave one (a Disagree comes with a decision). */
  qa?: { day: string; verdict?: { agree: boolean; by: Reviewer; at: number } };
};

/** One day's draw of automated passes: `candidates` is the whole population, `drawn` the sample. */
export type PastDraw = { day: string; drawnAt: number; candidates: DocRef[]; drawn: DocRef };

export type PastCaseload = { cases: PastCase[]; draws: PastDraw[] };

/** What start-up hands the demo history in demo mode: the sandbox's caseload and where its days end. */
export type DemoCaseloadSource = { pastCaseload(until: Date): PastCaseload; caseloadEnd(until: Date): number };
