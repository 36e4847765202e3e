import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor, authorize, type CurrentUser } from '@/lib/auth/session';
import { stampedFileName } from '@/lib/format';
import { PRIVATE_HEADERS } from '@/lib/security/headers';
import { EVIDENCE_PACK_ROLES } from '@/lib/users/roles';

/**
 * The gate of both pack downloads: auditors and admins. A signed-in person of another role is
 * refused and the refusal recorded; a pending or ended session gets 401.
 */
export async function authorizePackDownload(scope: Record<string, unknown>): Promise<{ ok: true; user: CurrentUser } | { ok: false; response: Response }> {
  const gate = await authorize(EVIDENCE_PACK_ROLES);
  if (gate.ok) return gate;
  if (gate.user) {
    await recordAuditEvent({
      action: 'evidence.export_denied',
      actor: auditActor(gate.user),
      customerId: typeof scope.customerId === 'number' ? scope.customerId : null,
      documentId: typeof scope.documentId === 'number' ? scope.documentId : null,
      detail: scope,
    });
  }
  return { ok: false, response: Response.json({ error: gate.message }, { status: gate.user ? 403 : 401, headers: PRIVATE_HEADERS }) };
}

/** `evidence-pack-…-20261207T101500Z.zip` */
export const packFileName = (subject: string, at?: Date) => stampedFileName(`evidence-pack-${subject}`, 'zip', at);
