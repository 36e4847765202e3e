import 'server-only';
import { requireUser } from '@/lib/auth/session';
import { listPendingProposals, type Proposal } from './proposals';

/** The "Awaiting approval" view: any signed-in role may see what waits (auditors read only). */
export async function loadPendingProposals(): Promise<Proposal[]> {
  await requireUser();
  return listPendingProposals();
}
