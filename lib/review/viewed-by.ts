import type { AuditEvent } from '@/lib/audit/trail';
import { canViewAuditLog } from '@/lib/users/roles';

/** How many views the review screen lists; the trail has the rest. */
const LISTED_VIEWS = 20;

/** `Viewed by` on the review screen (SPEC §13): who looked at the document's evidence, and when. */
export type ViewedBy = {
  views: { key: string; email: string; role: string | null; at: string }[];
  /** False for reviewers: they see their own views, and that others' are kept. */
  everyone: boolean;
  /** Views beyond the listed ones (only counted for those who see everyone). */
  more: number;
};

/** The document's recorded views as `viewer` may see them, newest first (`history` is newest first). */
export function viewedBy(history: AuditEvent[], viewer: { id: string; role: string }): ViewedBy {
  const everyone = canViewAuditLog(viewer.role);
  const views = history.filter((event) => event.action === 'evidence.viewed' && (everyone || event.actorId === viewer.id));
  return {
    views: views.slice(0, LISTED_VIEWS).map((event) => ({ key: event.id, email: event.actorEmail, role: event.actorRole, at: event.occurredAt })),
    everyone,
    more: Math.max(0, views.length - LISTED_VIEWS),
  };
}
