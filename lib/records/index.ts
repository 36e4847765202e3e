/** A plain object's fields, or undefined for anything else (arrays, null, primitives). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A JSON column's object; {} for null, anything but an object, or invalid JSON (only a tampered row holds it). */
export function recordFromJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    return asRecord(JSON.parse(text)) ?? {};
  } catch {
    return {};
  }
}
