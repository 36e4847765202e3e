/** Roles and what each may do (SPEC §2). Plain data: safe to import from client components. */

export const ROLES = ['reviewer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** May set `conclusion` / `facialCheck` on a document. */
export const OVERRIDE_ROLES = ['reviewer', 'admin'] as const satisfies readonly Role[];
/** May see the whole audit log and export it (reviewers see their documents' histories only). */
export const AUDIT_LOG_ROLES = ['auditor', 'admin'] as const satisfies readonly Role[];
/** May download evidence packs, of a document or of the filtered audit log (SPEC §16). */
export const EVIDENCE_PACK_ROLES = ['auditor', 'admin'] as const satisfies readonly Role[];
/** May try candidate thresholds on /admin/calibration (SPEC §11). */
export const CALIBRATION_ROLES = ['admin'] as const satisfies readonly Role[];
/** The compliance lead: decides escalated documents, returns them to the queue, assigns work (SPEC §14). */
export const CASE_LEAD_ROLES = ['admin'] as const satisfies readonly Role[];
/** May escalate a document to the compliance lead. */
export const ESCALATING_ROLES = ['reviewer'] as const satisfies readonly Role[];
/** May manage user accounts. */
export const USER_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** May manage webhook endpoints, which send the console's events out (SPEC §15). */
export const WEBHOOK_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function canOverride(role: string | null | undefined): boolean {
  return (OVERRIDE_ROLES as readonly string[]).includes(role ?? '');
}

export function canViewAuditLog(role: string | null | undefined): boolean {
  return (AUDIT_LOG_ROLES as readonly string[]).includes(role ?? '');
}

export function canExportEvidence(role: string | null | undefined): boolean {
  return (EVIDENCE_PACK_ROLES as readonly string[]).includes(role ?? '');
}

export function canManageUsers(role: string | null | undefined): boolean {
  return (USER_ADMIN_ROLES as readonly string[]).includes(role ?? '');
}
