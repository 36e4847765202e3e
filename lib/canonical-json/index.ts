/**
 * Deterministic JSON: object keys sorted (by UTF-16 code unit), no whitespace, and the same
 * value rules as JSON.stringify (toJSON honoured, undefined / functions dropped from objects
 * and turned into null in arrays, non-finite numbers become null). Two structurally equal
 * values always give the same text, whatever their key insertion order.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return serialise(JSON.parse(text) as Json);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function serialise(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(value[k]!)}`).join(',')}}`;
}
