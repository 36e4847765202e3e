import 'server-only';
import { evidencePackDownloadsOf, evidenceViewersOf, type EvidencePackDownload, type EvidenceViewer } from '@/lib/audit/evidence-viewers';
import { requireRole } from '@/lib/auth/session';
import { positiveIdText } from '@/lib/ids';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';

export type EvidenceAccessView =
  | { customerId: null; invalid: boolean }
  | { customerId: number; invalid: false; viewers: EvidenceViewer[]; people: number; documents: number; packDownloads: EvidencePackDownload[] };

/**
 * /audit/access, for auditors and admins: who saw a customer's evidence, and who took it out of the
 * console in an evidence pack (a data-subject access request).
 */
export async function loadEvidenceAccess(params: Record<string, string | string[] | undefined>): Promise<EvidenceAccessView> {
  await requireRole(AUDIT_LOG_ROLES);
  const given = typeof params.customer === 'string' ? params.customer.trim() : '';
  if (given === '') return { customerId: null, invalid: false };
  const parsed = positiveIdText.safeParse(given);
  if (!parsed.success) return { customerId: null, invalid: true };
  const [viewers, packDownloads] = await Promise.all([evidenceViewersOf(parsed.data), evidencePackDownloadsOf(parsed.data)]);
  return {
    customerId: parsed.data,
    invalid: false,
    viewers,
    people: new Set(viewers.map((v) => v.actorId ?? v.email)).size,
    documents: new Set(viewers.map((v) => v.documentId)).size,
    packDownloads,
  };
}
