import type { AuditEvent } from '@/lib/audit/trail';
import type { LivenessAssessment, Thresholds } from '@/lib/liveness/assessment';
import type { ReviewHeaderFacts } from '@/lib/review/header-facts';

/** An evidence image as the pack shows it: its bytes when the PDF can carry them, or why not. */
export type ReportImage =
  { label: string; status: 'embedded'; type: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | { label: string; status: 'not-embedded'; reason: string };

/** Everything `report.pdf` prints (SPEC §16); every string in it may come from Artemis or a person: text only. */
export type ReportInput = {
  packId: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  exportedBy: { email: string; role: string };
  facts: ReviewHeaderFacts;
  documentId: number;
  assessment: LivenessAssessment;
  /** The thresholds in force at export; each decision's own are in its event. */
  thresholds: Thresholds;
  images: ReportImage[];
  /** The document's audit events, oldest first, as chained. */
  events: AuditEvent[];
  /** The chain's head at export. */
  chain: { seq: number; hash: string };
};
