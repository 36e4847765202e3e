import 'server-only';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '@/lib/db';

export type IndexedCustomer = { id: number; name: string | null; referenceId: string | null; status: string | null; riskRating: string | null };

const CUSTOMER_SEARCH_LIMIT = 50;

/** Escapes LIKE wildcards so a name with % or _ matches literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Customers of the local index by exact customer id, exact reference id (any case) or a part of
 * the name (any case); at most CUSTOMER_SEARCH_LIMIT, exact matches first.
 */
export async function searchIndexedCustomers(db: Kysely<Database>, query: string): Promise<{ customers: IndexedCustomer[]; truncated: boolean }> {
  const q = query.trim().toLowerCase();
  if (!q) return { customers: [], truncated: false };
  const id = /^\d{1,15}$/.test(q) ? Number(q) : undefined;
  const rows = await db
    .selectFrom('customer_index')
    .select(['customer_id', 'name', 'reference_id', 'status', 'risk_rating', 'name_lower', 'reference_id_lower'])
    .where((eb) =>
      eb.or([
        ...(id !== undefined ? [eb('customer_id', '=', id)] : []),
        eb('reference_id_lower', '=', q),
        // SQLite has no default LIKE escape character; PostgreSQL's is the same backslash.
        sql<SqlBool>`${eb.ref('name_lower')} like ${`%${likeEscape(q)}%`} escape '\\'`,
      ]),
    )
    .orderBy('customer_id')
    .limit(CUSTOMER_SEARCH_LIMIT + 1)
    .execute();
  const exact = (r: (typeof rows)[number]) => Number(r.customer_id) === id || r.reference_id_lower === q;
  const sorted = [...rows.filter(exact), ...rows.filter((r) => !exact(r))];
  return {
    customers: sorted.slice(0, CUSTOMER_SEARCH_LIMIT).map((r) => ({
      id: Number(r.customer_id),
      name: r.name,
      referenceId: r.reference_id,
      status: r.status,
      riskRating: r.risk_rating,
    })),
    truncated: rows.length > CUSTOMER_SEARCH_LIMIT,
  };
}
