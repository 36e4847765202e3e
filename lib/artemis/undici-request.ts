import 'server-only';
import { Agent, request, type Dispatcher } from 'undici';
import type { FetchLike } from './token-provider';

// Keep-alive connections to Artemis, shared by every JSON call of this process.
const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

/**
 * The JSON API's calls, with fetch's contract but on undici's lower-level `request`. Each review
 * screen makes two of them; inside Next the global fetch goes through Next's own wrapper as well,
 * and this path costs about half as much per call. The body is read whole before the response is
 * returned, under the caller's signal (JSON answers are small; images keep using fetch, which
 * streams them under a size cap). Redirects are not followed: a 3xx is an answer like any other.
 */
export const bufferedRequest: FetchLike = async (url, init) => {
  const { statusCode, headers, body } = await request(url, {
    method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string> | undefined,
    body: init.body as string | undefined,
    signal: init.signal ?? undefined,
    dispatcher,
  });
  const text = await body.text();
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
    else if (value !== undefined) responseHeaders.set(name, value);
  }
  const withoutBody = statusCode === 204 || statusCode === 205 || statusCode === 304;
  return new Response(withoutBody ? null : text, { status: statusCode, headers: responseHeaders });
};
