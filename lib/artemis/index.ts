import 'server-only';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { observeArtemisCall } from '@/lib/metrics';
import { createArtemisClient, type ArtemisClient } from './client';

export type { ArtemisClient, CustomerPageResult, DocumentListResult, PutLivenessResult } from './client';
export type { BinaryRequest, BinaryResult } from './binary';
export { ArtemisError, describeArtemisError, isArtemisError } from './errors';
export type { UnreadableRecord } from './records';
export type { ArtemisCustomer, ArtemisDocument, ArtemisLiveness } from './schemas';

declare global {
  // Shared across Next's separate server bundles so there is one client and one token cache.
  var __artemisClient: ArtemisClient | undefined;
  // Set by the app's instrumentation in demo mode; resolves once the sandbox is listening.
  var __artemisReady: Promise<void> | undefined;
}

/** Demo mode: getArtemis() waits for this promise (the embedded sandbox starting) before use. */
export function setArtemisReadyHook(ready: Promise<void>): void {
  globalThis.__artemisReady = ready;
}

/** Alias of setArtemisReadyHook (the name lib/startup.ts uses). */
export const markArtemisReady = setArtemisReadyHook;

/** The process-wide Artemis client. */
export async function getArtemis(): Promise<ArtemisClient> {
  const env = getEnv();
  if (env.demoMode && globalThis.__artemisReady) await globalThis.__artemisReady;
  globalThis.__artemisClient ??= createArtemisClient(env.artemis, { logger: logger('artemis'), observe: observeArtemisCall });
  return globalThis.__artemisClient;
}
