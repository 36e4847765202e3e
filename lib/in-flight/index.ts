import 'server-only';

/** Decisions under way in this process: a shutdown lets them reach their outcome event first. */
type InFlight = { decisions: number; idle: (() => void)[] };

declare global {
  // One count per process, shared by Next's separate server bundles.
  var __consoleInFlight: InFlight | undefined;
}

const state: InFlight = (globalThis.__consoleInFlight ??= { decisions: 0, idle: [] });

/** Runs one decision, counted as in flight until it ends, however it ends. */
export async function asDecisionInFlight<T>(work: () => Promise<T>): Promise<T> {
  state.decisions++;
  try {
    return await work();
  } finally {
    state.decisions--;
    if (state.decisions === 0) for (const resolve of state.idle.splice(0)) resolve();
  }
}

export function decisionsInFlight(): number {
  return state.decisions;
}

/** Resolves once no decision is under way. */
export function noDecisionInFlight(): Promise<void> {
  if (state.decisions === 0) return Promise.resolve();
  return new Promise((resolve) => state.idle.push(resolve));
}
