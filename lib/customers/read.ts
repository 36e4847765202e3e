import 'server-only';
import { getArtemis } from '@/lib/artemis';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';
import { requireUser } from '@/lib/auth/session';
import { upstreamFailure, type UpstreamFailure } from './upstream-failure';

const PAGE_SIZE = 20;
// Artemis has no search endpoint; a reference-id search walks the customer pages, within bounds.
const SEARCH_PAGE_SIZE = 100;
const SEARCH_MAX_PAGES = 50;

export type CustomerListView =
  | { ok: true; mode: 'page'; customers: ArtemisCustomer[]; page: number; totalPages: number | undefined; last: boolean }
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
      page,
      totalPages: result.totalPages,
      last: result.last ?? result.customers.length < PAGE_SIZE,
    };
  } catch (error) {
    return upstreamFailure(error);
  }
}

async function searchCustomers(query: string): Promise<{ customers: ArtemisCustomer[]; truncated: boolean }> {
  const artemis = await getArtemis();
  const found = new Map<number, ArtemisCustomer>();
  if (/^\d{1,15}$/.test(query)) {
    const byId = await artemis.getCustomer(Number(query));
    if (byId) found.set(byId.id, byId);
  }
  const wanted = query.toLowerCase();
  for (let page = 0; page < SEARCH_MAX_PAGES; page++) {
    const result = await artemis.listCustomers({ page, size: SEARCH_PAGE_SIZE });
    for (const c of result.customers) {
      if (typeof c.referenceId === 'string' && c.referenceId.toLowerCase() === wanted) found.set(c.id, c);
    }
    if (result.last ?? result.customers.length < SEARCH_PAGE_SIZE) return { customers: [...found.values()], truncated: false };
  }
  return { customers: [...found.values()], truncated: true };
}

export type CustomerView =
  | { ok: true; customer: ArtemisCustomer; documents: ArtemisDocument[] }
  | { ok: false; notFound: true }
  | UpstreamFailure;

export async function loadCustomer(customerId: number): Promise<CustomerView> {
  await requireUser();
  const artemis = await getArtemis();
  // Both reads start together; an unknown customer is "not found" whatever the list answered.
  const [customer, documents] = await Promise.allSettled([artemis.getCustomer(customerId), artemis.listDocuments(customerId)]);
  try {
    if (customer.status === 'rejected') throw customer.reason;
    if (!customer.value) return { ok: false, notFound: true };
    if (documents.status === 'rejected') throw documents.reason;
    return { ok: true, customer: customer.value, documents: documents.value };
  } catch (error) {
    const failure = upstreamFailure(error);
    return failure.notFound ? { ok: false, notFound: true } : failure;
  }
}
