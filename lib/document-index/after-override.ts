import 'server-only';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { recordDecisionInIndex } from './store';

/**
 * A follower of applied outcomes (lib/wiring.ts): the queue's cached row follows the decision at
 * once. The index is only a cache, so a failure here is logged and never fails the override
 * (the next sync repairs the row).
 */
export async function noteDecisionInQueue(customerId: number, documentId: number, document: ArtemisDocument, actorEmail: string): Promise<void> {
  const env = getEnv();
  try {
    await recordDecisionInIndex(customerId, documentId, document, { decidedAt: new Date().toISOString(), decidedBy: actorEmail }, env.thresholds);
  } catch (error) {
    logger('queue-index').warn({ customerId, documentId, error: errorText(error) }, 'queue index not updated after override');
  }
}
