import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { queueSearchParams, parseQueueFilters, selectionQuery } from '@/lib/queue/filters';
import { nextDocumentAfter, parseAfter } from '@/lib/queue/next';

/**
 * `/queue/next?<queue filters>&after=<customerId>:<documentId>` → the review screen of the next
 * free document in that view (keeping the filters), or back to the queue when none is left.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const user = await getCurrentUser();
  if (!user) {
    const signIn = new URL('/sign-in', url);
    signIn.searchParams.set('callbackUrl', url.pathname + url.search);
    return NextResponse.redirect(signIn, 303);
  }
  const filters = parseQueueFilters(url.searchParams);
  const after = parseAfter(url.searchParams.get('after'));
  const next = await nextDocumentAfter(after?.customerId, after?.documentId, filters, user.id);
  const selection = selectionQuery(filters);
  if (!next) {
    const back = queueSearchParams(filters);
    back.set('empty', '1');
    return NextResponse.redirect(new URL(`/?${back.toString()}`, url), 303);
  }
  const target = `/customers/${next.customerId}/documents/${next.documentId}${selection ? `?${selection}` : ''}`;
  return NextResponse.redirect(new URL(target, url), 303);
}
