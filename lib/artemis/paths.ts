// Typed access to the operations described in artemis/openapi.yaml (via the generated
// schema.d.ts). Paths, parameters and wire types come from there, never written by hand.
// No `server-only`: pure helpers, usable by the sandbox too.
import type { operations, paths } from './schema';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete';

/** Operation ids known to the OpenAPI file (used as `operation` in logs and errors). */
export type ArtemisOperation = keyof operations;

/** Paths of `paths` that define method M. */
export type PathFor<M extends HttpMethod> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];

export type OperationOf<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** Path parameters of (P, M), e.g. `{ customerId: number }`; `{}` when there are none. */
export type PathParamsOf<P extends keyof paths, M extends HttpMethod> = OperationOf<P, M> extends { parameters: { path: infer X } } ? X : Record<string, never>;

/** The JSON body of the 200 response of (P, M). */
export type JsonResponseOf<P extends keyof paths, M extends HttpMethod> =
  OperationOf<P, M> extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

/** The JSON request body of (P, M). */
/**
 * Fills `{name}` placeholders of an OpenAPI path template. Values are URI-encoded; a missing
 * parameter throws (programming error, caught by the type checker in normal use).
 */
export function fillPath<M extends HttpMethod, P extends PathFor<M>>(_method: M, template: P, params: PathParamsOf<P, M>): string {
  const values = params as Record<string, string | number | undefined>;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}
