import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { queueSearchParams, parseQueueFilters, selectionQuery } from '@/lib/queue/filters';
import { nextInQueue } from '@/lib/queue/next';
import { readAheadNextInQueue } from '@/lib/review/read-ahead';

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
  const next = await nextInQueue(url.searchParams, user.id);
  const selection = selectionQuery(filters);
  if (!next) {
    const back = queueSearchParams(filters);
    back.set('empty', '1');
    return NextResponse.redirect(new URL(`/?${back.toString()}`, url), 303);
  }
  const target = `/customers/${next.customerId}/documents/${next.documentId}${selection ? `?${selection}` : ''}`;
  return NextResponse.redirect(new URL(target, url), 303);
}

/**
 * The same query, POSTed by the review screen once it is interactive: reads ahead the document a
 * GET would open now, so that following the link waits on no upstream call. Nothing in the body.
 */
export async function POST(request: Request): Promise<Response> {
  const result = await readAheadNextInQueue(new URL(request.url).searchParams);
  return new Response(null, { status: result.ok ? 204 : result.status, headers: { 'cache-control': 'no-store' } });
}
