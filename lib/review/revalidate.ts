import 'server-only';
import { revalidatePath } from 'next/cache';

/** After a decision the customer's pages and the queue show it on their next render. */
export function revalidateDocument(customerId: number): void {
  revalidatePath(`/customers/${customerId}`, 'layout');
  revalidatePath('/');
}
