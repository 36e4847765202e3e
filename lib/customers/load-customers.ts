import 'server-only';
import { getArtemis } from '@/lib/artemis';
import { upstreamFailure, type UpstreamFailure } from '@/lib/artemis/errors';
import type { UnreadableRecord } from '@/lib/artemis/records';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { requireUser } from '@/lib/auth/session';
import { latestAppliedDecisions, type AppliedDecision } from '@/lib/audit/decisions';
import { documentKeyId } from '@/lib/ids';
import { getDb } from '@/lib/db';
import { searchIndexedCustomers } from '@/lib/queue/customer-search';

const PAGE_SIZE = 20;

export type CustomerListView =
  | {
      ok: true;
      mode: 'page';
      customers: ArtemisCustomer[];
      /** Customers on this page the console could not read: shown as such, without a link. */
      unreadable: UnreadableRecord[];
      page: number;
      totalPages: number | undefined;
      last: boolean;
    }
  | { ok: true; mode: 'search'; query: string; customers: ArtemisCustomer[]; truncated: boolean }
  | UpstreamFailure;

export async function loadCustomerList({ page, query }: { page: number; query: string }): Promise<CustomerListView> {
  await requireUser();
  const artemis = await getArtemis();
  try {
    if (query) return { ok: true, mode: 'search', query, ...(await searchCustomers(query)) };
    const result = await artemis.listCustomers({ page, size: PAGE_SIZE });
    return {
      ok: true,
      mode: 'page',
      customers: result.customers,
      unreadable: result.unreadable,
      page,
      totalPages: result.totalPages,
      last: result.last ?? result.customers.length + result.unreadable.length < PAGE_SIZE,
    };
  } catch (error) {
    return upstreamFailure(error);
  }
}

/**
 * Searches the local index (customer id, reference id, part of the name); an id the index does
 * not hold yet (a customer onboarded since the last sync) is looked up in Artemis directly.
 */
async function searchCustomers(query: string): Promise<{ customers: ArtemisCustomer[]; truncated: boolean }> {
  const { customers, truncated } = await searchIndexedCustomers(await getDb(), query);
  const found: ArtemisCustomer[] = customers.map((c) => ({
    id: c.id,
    referenceId: c.referenceId,
    status: c.status,
    riskRating: c.riskRating,
    particular: c.name ? { name: c.name } : null,
  }));
  if (/^\d{1,15}$/.test(query) && !found.some((c) => c.id === Number(query))) {
    const byId = await (await getArtemis()).getCustomer(Number(query));
    if (byId) found.unshift(byId);
  }
  return { customers: found, truncated };
}

export type CustomerView =
  | {
      ok: true;
      customer: ArtemisCustomer;
      documents: ArtemisDocument[];
      unreadableDocuments: UnreadableRecord[];
      /** The console's latest applied decision per document id (in effect or not: compare with the document). */
      decisions: Map<number, AppliedDecision>;
    }
  /** `not-found`: Artemis has no such customer. */
  | UpstreamFailure;

export async function loadCustomer(customerId: number): Promise<CustomerView> {
  await requireUser();
  const artemis = await getArtemis();
  // Both reads start together; an unknown customer is "not found" whatever the list answered.
  const [customer, documents, decided] = await Promise.allSettled([
    artemis.getCustomer(customerId),
    artemis.listDocuments(customerId),
    getDb().then((db) => latestAppliedDecisions(db, [customerId])),
  ]);
  try {
    if (customer.status === 'rejected') throw customer.reason;
    if (!customer.value) return NOT_FOUND;
    if (documents.status === 'rejected') throw documents.reason;
    if (decided.status === 'rejected') throw decided.reason;
    const decisions = new Map<number, AppliedDecision>();
    for (const d of documents.value.documents) {
      const decision = decided.value.get(documentKeyId(customerId, d.id));
      if (decision) decisions.set(d.id, decision);
    }
    return { ok: true, customer: customer.value, documents: documents.value.documents, unreadableDocuments: documents.value.unreadable, decisions };
  } catch (error) {
    return upstreamFailure(error);
  }
}

const NOT_FOUND: UpstreamFailure = { ok: false, kind: 'not-found', message: 'This customer does not exist in Artemis.' };
