import 'server-only';
import type { Migration, MigrationProvider } from 'kysely';
import { users } from './migrations/0001-users';
import { auditEvents } from './migrations/0002-audit-events';
import { auditQueryIndexes } from './migrations/0010-audit-query-indexes';
import { auditChainHead } from './migrations/0011-audit-chain-head';
import { documentIndex } from './migrations/0020-document-index';
import { documentClaims } from './migrations/0021-document-claims';
import { overrideProposals } from './migrations/0040-override-proposals';
import { documentIndexFacets } from './migrations/0041-document-index-facets';
import { auditOneOutcomePerAttempt } from './migrations/0042-audit-one-outcome-per-attempt';
import { decisionLocks } from './migrations/0043-decision-locks';
import { syncStateSweepSkipped } from './migrations/0044-sync-state-sweep-skipped';
import { signInThrottle } from './migrations/0045-sign-in-throttle';
import { leases } from './migrations/0046-leases';
import { syncLastSuccess } from './migrations/0047-sync-last-success';
import { qaSamples } from './migrations/0050-qa-samples';
import { qaVerdictRef } from './migrations/0051-qa-verdict-ref';
import { sessionsAndFactors } from './migrations/0060-sessions-and-factors';
import { evidenceAccess } from './migrations/0061-evidence-access';
import { caseWork } from './migrations/0062-case-work';
import { notifications } from './migrations/0063-notifications';

/**
 * The schema, as ordered migrations kept in code (no migration files are read at run time, so
 * this works the same under `next build`, `tsx` and vitest), one file each in ./migrations.
 * Names sort in application order; this list is in that order. Never edit a migration that has
 * shipped: add a new one.
 */
const migrations: Record<string, Migration> = {
  '0001_users': users,
  '0002_audit_events': auditEvents,
  '0010_audit_query_indexes': auditQueryIndexes,
  '0011_audit_chain_head': auditChainHead,
  '0020_document_index': documentIndex,
  '0021_document_claims': documentClaims,
  '0040_override_proposals': overrideProposals,
  '0041_document_index_facets': documentIndexFacets,
  '0042_audit_one_outcome_per_attempt': auditOneOutcomePerAttempt,
  '0043_decision_locks': decisionLocks,
  '0044_sync_state_sweep_skipped': syncStateSweepSkipped,
  '0045_sign_in_throttle': signInThrottle,
  '0046_leases': leases,
  '0047_sync_last_success': syncLastSuccess,
  '0050_qa_samples': qaSamples,
  '0051_qa_verdict_ref': qaVerdictRef,
  '0060_sessions_and_factors': sessionsAndFactors,
  '0061_evidence_access': evidenceAccess,
  '0062_case_work': caseWork,
  '0063_notifications': notifications,
};

/** Static provider for Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/** Names of all migrations, in order (useful for tests and diagnostics). */
export const MIGRATION_NAMES = Object.keys(migrations).sort();
