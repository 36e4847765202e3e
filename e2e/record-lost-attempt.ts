/**
 * E2E helper: takes the document's decision lock and records an override attempt the way
 * saveOverrideAction does right before its PUT, and nothing after, as if the process had died
 * mid-request: the lock stays until `lockMs` have passed. Runs with the app's environment so it
 * writes to the app's database.
 *
 *   tsx --conditions=react-server e2e/record-lost-attempt.ts <json>
 */
import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { closeDb, getDb } from '@/lib/db';
import { tryLockDocument } from '@/lib/overrides/decision-lock';

type Input = {
  actorEmail: string;
  customerId: number;
  documentId: number;
  before: { conclusion: boolean; facialCheck: boolean };
  after: { conclusion: boolean; facialCheck: boolean };
  seenUpdatedAt: string | null;
  reason: string;
  lockMs: number;
};

const input = JSON.parse(process.argv[2] ?? '{}') as Input;
try {
  const lock = await tryLockDocument(await getDb(), input, { lifetimeMs: input.lockMs });
  if (!lock.acquired) throw new Error('the document is locked by a decision under way');
  const attempt = await recordAuditEvent({
    action: 'override.attempted',
    actor: { id: null, email: input.actorEmail, role: 'reviewer' },
    customerId: input.customerId,
    documentId: input.documentId,
    before: input.before,
    after: input.after,
    reasonCode: 'OTHER',
    reasonText: input.reason,
    thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
    detail: { seenUpdatedAt: input.seenUpdatedAt },
  });
  console.log(attempt.id);
} finally {
  await closeDb();
}
