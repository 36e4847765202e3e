import 'server-only';
import { evidenceViewersOf, type EvidenceViewer } from '@/lib/audit/evidence-viewers';
import { requireRole } from '@/lib/auth/session';
import { positiveIdText } from '@/lib/ids';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';

export type EvidenceAccessView =
  { customerId: null; invalid: boolean } | { customerId: number; invalid: false; viewers: EvidenceViewer[]; people: number; documents: number };

/** /audit/access, for auditors and admins: who saw a customer's evidence (a data-subject access request). */
export async function loadEvidenceAccess(params: Record<string, string | string[] | undefined>): Promise<EvidenceAccessView> {
  await requireRole(AUDIT_LOG_ROLES);
  const given = typeof params.customer === 'string' ? params.customer.trim() : '';
  if (given === '') return { customerId: null, invalid: false };
  const parsed = positiveIdText.safeParse(given);
  if (!parsed.success) return { customerId: null, invalid: true };
  const viewers = await evidenceViewersOf(parsed.data);
  return {
    customerId: parsed.data,
    invalid: false,
    viewers,
    people: new Set(viewers.map((v) => v.actorId ?? v.email)).size,
    documents: new Set(viewers.map((v) => v.documentId)).size,
  };
}
