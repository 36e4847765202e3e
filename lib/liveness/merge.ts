export type Decision = { conclusion: boolean; facialCheck: boolean };

/**
 * The liveness PUT replaces the whole stored result, so the body is the document's current
 * liveness object with every field kept as it is, and only the reviewer's two fields changed.
 */
export function buildLivenessPutBody(
  currentLiveness: Record<string, unknown> | null | undefined,
  decision: Decision,
): Record<string, unknown> {
  return { ...(currentLiveness ?? {}), conclusion: decision.conclusion, facialCheck: decision.facialCheck };
}
