import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { authorize } from '@/lib/auth/session';
import type { DocumentKey } from '@/lib/ids';
import { admitReadAhead } from '@/lib/evidence-access/access';
import { nextInQueue } from '@/lib/queue/next';
import { OVERRIDE_ROLES } from '@/lib/users/roles';
import { holdReadAhead, holdsReadAhead } from './read-ahead-cache';

export type ReadAheadResult = { ok: true; next: DocumentKey | null } | { ok: false; status: 401 | 403 | 502 };

/**
 * Reads ahead the document `Next document in queue` would open from `params` (its link's query):
 * the customer and the document, held for the user (lib/review/read-ahead-cache.ts). It claims
 * nothing, and is only for those who review (auditors do not walk the queue).
 */
export async function readAheadNextInQueue(params: URLSearchParams): Promise<ReadAheadResult> {
  const gate = await authorize(OVERRIDE_ROLES);
  if (!gate.ok) return { ok: false, status: gate.user ? 403 : 401 };
  const { user } = gate;
  const next = await nextInQueue(params, user.id);
  if (!next || holdsReadAhead(user.id, next.customerId, next.documentId)) return { ok: true, next };
  // Pulling the evidence counts against the fair-use limit, opened or not; at the limit, none is pulled.
  if (!(await admitReadAhead(user.id, next))) return { ok: true, next };
  try {
    const startedAt = new Date().toISOString();
    const artemis = await getArtemis();
    const [customer, document] = await Promise.all([artemis.getCustomer(next.customerId), artemis.getDocument(next.customerId, next.documentId)]);
    // Gone from Artemis: the page's own read will say so when it is opened.
    if (customer && document) holdReadAhead(user.id, { ...next, customer, document, startedAt });
    return { ok: true, next };
  } catch {
    // Only an optimisation: the page reads Artemis itself and shows any failure in words.
    return { ok: false, status: 502 };
  }
}
