import 'server-only';
import { Agent, request, type Dispatcher } from 'undici';

// Keep-alive connections to Artemis, shared by every JSON call of this process.
const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

/** A JSON call's answer with its body read whole: all the transport reads of one. */
export type BufferedAnswer = { status: number; headers: { get(name: string): string | null }; text: string };

export type BufferedInit = { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal };

/** One exchange with Artemis's JSON API. Tests give the transport a fetch instead (`viaFetch`). */
export type BufferedExchange = (url: string, init: BufferedInit) => Promise<BufferedAnswer>;

/**
 * The JSON API's calls on undici's lower-level `request`, which costs less per call than the
 * global fetch (inside Next that also passes through Next's own wrapper). The answer is handed over as it arrives (status, undici's header
 * object, the text), not rebuilt into a fetch `Response` only to be read back. The body is read
 * whole under the caller's signal (JSON answers are small; images keep using fetch, which
 * streams them under a size cap). Redirects are not followed: a 3xx is an answer like any other.
 */
export const bufferedRequest: BufferedExchange = async (url, init) => {
  const { statusCode, headers, body } = await request(url, {
    method: init.method as Dispatcher.HttpMethod,
    headers: init.headers,
    body: init.body,
    signal: init.signal,
    dispatcher,
  });
  const text = await body.text();
  return {
    status: statusCode,
    // undici names headers in lower case; repeated ones come as arrays, joined as fetch joins them.
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text,
  };
};

/** The same exchange over a fetch function: what tests inject. */
export function viaFetch(doFetch: (url: string, init: RequestInit) => Promise<Response>): BufferedExchange {
  return async (url, init) => {
    const res = await doFetch(url, { ...init, cache: 'no-store', redirect: 'error' });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}
