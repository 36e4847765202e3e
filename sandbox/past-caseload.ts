/*
 * The demo's past caseload: 60 days of documents that reviewers already decided or QA-checked,
 * as Artemis holds them when that history ends (a human's decision written back). The sandbox of
 * `npm run dev` stores them beside the demo cases, and the console's demo mode writes the audit
 * trail that led to them (lib/calibration/demo-history.ts); both read this one plan, so the
 * trail, the queue's Decided tab, the estimates and the what-if agree with Artemis.
 */
import { seededRandom } from './random';
import type { CustomerSeed, DocumentSpec } from './seed-specs';

export const PAST_CASELOAD_DAYS = 60;
export const PAST_CASELOAD_FIRST_CUSTOMER = 2001;
const FIRST_DOCUMENT = 6001;
const DOCUMENTS_PER_CUSTOMER = 3;
/** Images are shared by this many looks, so the caseload costs a few renders, not hundreds. */
const LOOKS = 12;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The shape is the console's (what its demo history reads); this file fills it.
export type { DocRef, PastCase, PastCaseload, PastDecision, PastDraw, Reviewer } from '../lib/calibration/demo-caseload';
import type { DocRef, PastCase, PastCaseload, PastDecision, PastDraw, Reviewer } from '../lib/calibration/demo-caseload';

/** Midnight UTC of `until`'s day: the history ends there, whatever the time of day it was asked. */
export function caseloadEnd(until: Date): number {
  return Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The caseload of the 60 days before `until`'s day (deterministic for that day): each day a few
 * decisions on documents the machine sent to the queue (a Fail → Pass through four eyes), and a
 * few automated passes of which one is drawn for QA the next night and judged within a day or so;
 * about one in thirty Disagrees, and at least two do.
 */
export function pastCaseload(until: Date): PastCaseload {
  const end = caseloadEnd(until);
  const random = seededRandom(2_100_021);
  const cases: PastCase[] = [];
  const draws: PastDraw[] = [];
  const next = (): DocRef => {
    const i = cases.length;
    return { customerId: PAST_CASELOAD_FIRST_CUSTOMER + Math.floor(i / DOCUMENTS_PER_CUSTOMER), documentId: FIRST_DOCUMENT + i };
  };
  const reviewer = (): Reviewer => (random() < 0.5 ? 0 : 1);

  for (let d = 0; d < PAST_CASELOAD_DAYS; d++) {
    const dayStart = end - (PAST_CASELOAD_DAYS - d) * DAY;
    for (let n = 3 + Math.floor(random() * 4); n > 0; n--) {
      const failed = random() < 0.45;
      const machine = { livenessResult: !failed, confidence: round1(failed ? 5 + random() * 44 : 51 + random() * 38) };
      const pass = failed ? random() < 0.12 : random() < 0.7;
      const by = reviewer();
      const at = dayStart + (8 + random() * 8) * HOUR;
      const decision: PastDecision =
        failed && pass ? { pass, by, at: at + (0.5 + random() * 3) * HOUR, fourEyes: { proposedAt: at, approvedBy: by === 0 ? 1 : 0 } } : { pass, by, at };
      cases.push({ ...next(), machine, updatedAt: decision.at, decision });
    }
    const candidates: PastCase[] = [];
    for (let n = 2 + Math.floor(random() * 3); n > 0; n--) {
      const c: PastCase = {
        ...next(),
        machine: { livenessResult: true, confidence: round1(91 + random() * 8.9) },
        updatedAt: dayStart + (1 + random() * 21) * HOUR,
      };
      cases.push(c);
      candidates.push(c);
    }
    // The night after: that day's automated passes are complete. The last day's are the live draw's.
    const drawnAt = dayStart + DAY + 0.5 * HOUR;
    if (drawnAt >= end) continue;
    const sampled = candidates[Math.floor(random() * candidates.length)]!;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    draws.push({
      day,
      drawnAt,
      candidates: candidates.map(({ customerId, documentId }) => ({ customerId, documentId })),
      drawn: { customerId: sampled.customerId, documentId: sampled.documentId },
    });
    sampled.qa = { day };
    const judgedAt = drawnAt + (2 + random() * 30) * HOUR;
    if (judgedAt >= end) continue;
    const agree = d !== 17 && d !== 41 && random() > 0.02;
    const by = reviewer();
    sampled.qa.verdict = { agree, by, at: judgedAt };
    if (!agree) {
      sampled.decision = { pass: false, by, at: judgedAt };
      sampled.updatedAt = judgedAt;
    }
  }
  return { cases, draws };
}

const FIRST_NAMES = [
  'Aiko',
  'Bashir',
  'Camila',
  'Dmitri',
  'Esther',
  'Farid',
  'Grace',
  'Hiroshi',
  'Ines',
  'Jamal',
  'Katarina',
  'Luis',
  'Meera',
  'Nikolai',
  'Olga',
  'Pedro',
  'Rania',
  'Sipho',
  'Tomasz',
  'Yusuf',
];
const LAST_NAMES = [
  'Abara',
  'Bergström',
  'Chua',
  'Delgado',
  'Eze',
  'Fischer',
  'Gupta',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Khan',
  'Lopes',
  'Mwangi',
  'Novak',
  'Osei',
  'Park',
  'Quispe',
  'Rossi',
];
const NATIONALITIES = ['SG', 'MY', 'ID', 'PH', 'IN', 'GB', 'DE', 'BR', 'NG', 'KE', 'JP', 'AU'];
const STATUSES = ['CLEARED', 'ACCEPTED', 'CLEARED', 'PENDING', 'REJECTED'] as const;
const RISKS = ['LOW', 'MEDIUM_LOW', 'MEDIUM', 'LOW', 'MEDIUM_HIGH', 'HIGH'] as const;
const TYPES = ['NATIONAL_ID', 'PASSPORT', 'DRIVING_LICENSE'] as const;

/** The caseload as sandbox seed: its customers and the documents as Artemis holds them now. */
export function pastCaseloadSeed(until: Date): { customers: { id: number; seed: CustomerSeed; createdAt: number }[]; documents: DocumentSpec[] } {
  const { cases } = pastCaseload(until);
  const customers = new Map<number, { id: number; seed: CustomerSeed; createdAt: number }>();
  const documents = cases.map((c, i): DocumentSpec => {
    const createdAt = c.updatedAt - (6 + (c.documentId % 40)) * HOUR;
    if (!customers.has(c.customerId)) {
      const k = c.customerId - PAST_CASELOAD_FIRST_CUSTOMER;
      customers.set(c.customerId, {
        id: c.customerId,
        createdAt: createdAt - DAY,
        seed: {
          name: `${FIRST_NAMES[(k * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(k * 5 + Math.floor(k / 18)) % LAST_NAMES.length]}`,
          nationality: NATIONALITIES[(k * 3) % NATIONALITIES.length]!,
          dateOfBirth: `${1960 + (k % 42)}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + ((k * 11) % 28)).padStart(2, '0')}`,
          gender: k % 2 === 0 ? 'FEMALE' : 'MALE',
          status: STATUSES[k % STATUSES.length]!,
          riskRating: RISKS[(k * 5) % RISKS.length]!,
          referenceId: `CUST-2026-${String(k + 1).padStart(4, '0')}`,
        },
      });
    }
    const human = c.decision?.pass ?? c.machine.livenessResult;
    return {
      id: c.documentId,
      customerId: c.customerId,
      type: TYPES[i % TYPES.length]!,
      look: 3001 + (c.customerId % LOOKS),
      createdAt,
      updatedAt: c.updatedAt,
      liveness: { livenessResult: c.machine.livenessResult, confidence: c.machine.confidence, conclusion: human, facialCheck: human },
    };
  });
  return { customers: [...customers.values()], documents };
}
