import 'server-only';
import type { Kysely } from 'kysely';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import type { AuditEvent } from '@/lib/audit/trail';
import type { Database } from '@/lib/db';
import type { DocumentKey } from '@/lib/ids';
import { errorText, logger } from '@/lib/log';

/**
 * What follows a decision without the decision path knowing it: modules above `lib/overrides`
 * (the queue's index, the read-aheads, the QA verdict of a Disagree) subscribe here, and
 * start-up wires them (lib/wiring.ts), so that nothing here imports upwards.
 */

/**
 * An attempt and the final outcome it now has, from the PUT's answer or from a read back, with
 * the document as Artemis showed it then (null when it is gone or was not read).
 */
export type SettledAttempt = { attempt: AuditEvent; outcome: AuditEvent; document: ArtemisDocument | null };

export type OutcomeFollower = (settled: SettledAttempt, db: Kysely<Database>) => Promise<void>;

/** Told when a decision that held a document's lock is over, whatever it did. */
export type DecisionFollower = (key: DocumentKey) => void;

/** Why `by` may not decide the document at all now (an escalation), or null. */
export type DecisionGuard = (key: DocumentKey, by: { role: string }) => Promise<string | null>;

type Followers = { outcomes: Map<string, OutcomeFollower>; decisions: Map<string, DecisionFollower>; guards: Map<string, DecisionGuard> };

declare global {
  // One registry per process: Next's server bundles each load this module.
  var __decisionFollowers: Followers | undefined;
}

const followers = () => (globalThis.__decisionFollowers ??= { outcomes: new Map(), decisions: new Map(), guards: new Map() });

/** Registers `follower` under `name`; registering a name again replaces it (idempotent wiring). */
export function followOutcomes(name: string, follower: OutcomeFollower): void {
  followers().outcomes.set(name, follower);
}

export function followDecisions(name: string, follower: DecisionFollower): void {
  followers().decisions.set(name, follower);
}

export function guardDecisions(name: string, guard: DecisionGuard): void {
  followers().guards.set(name, guard);
}

/** The first guard's refusal of a decision, asked under the document's decision lock; null when every guard lets it through. */
export async function decisionRefusalOf(key: DocumentKey, by: { role: string }): Promise<string | null> {
  for (const guard of followers().guards.values()) {
    const refusal = await guard(key, by);
    if (refusal) return refusal;
  }
  return null;
}

const log = () => logger('decision');

/** Tells every follower of a final outcome; one that fails is logged and stops neither the others nor the decision. */
export async function announceOutcome(settled: SettledAttempt, db: Kysely<Database>): Promise<void> {
  for (const [name, follower] of followers().outcomes) {
    try {
      await follower(settled, db);
    } catch (error) {
      log().error(
        { follower: name, attempt: settled.attempt.id, outcome: settled.outcome.action, error: errorText(error) },
        'a follower of a decision outcome failed',
      );
    }
  }
}

export function announceDecisionEnded(key: DocumentKey): void {
  for (const [name, follower] of followers().decisions) {
    try {
      follower(key);
    } catch (error) {
      log().error({ follower: name, ...key, error: errorText(error) }, 'a follower of a decision failed');
    }
  }
}

/**
 * Something recorded with a decision's first record (its attempt or its proposal), in the same
 * transaction: a QA Disagree's verdict. Throwing `DecisionRefused` records and sends nothing.
 */
export type RecordWithDecision = (trx: Kysely<Database>, reference: { kind: 'attempt' | 'proposal'; id: string }) => Promise<void>;

/** Refuses a decision from inside `RecordWithDecision`, with a message for the reviewer. */
export class DecisionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionRefused';
  }
}
