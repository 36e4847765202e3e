/**
 * Where a reviewer goes after an override is saved. The one place to switch to the review
 * queue's next document once the queue exists; until then, back to the customer.
 */
export function afterSaveDestination(customerId: number): { href: string; label: string } {
  return { href: `/customers/${customerId}`, label: 'Back to customer' };
}
