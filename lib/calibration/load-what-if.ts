import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/trail';
import { auditActor, requireRole } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { readUrlFilters, type UrlParams } from '@/lib/url-filters';
import { CALIBRATION_ROLES } from '@/lib/users/roles';
import { computeWhatIf, type WhatIf, type WhatIfCounts } from './what-if';

const threshold = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/)
  .transform(Number)
  .pipe(z.number().min(0).max(100));

export type WhatIfView = Omit<WhatIf, 'counts'> & {
  candidate: WhatIfCounts;
  inForce: WhatIfCounts;
  /** Parameters that could not be used (malformed, or fail above pass); the thresholds in force stand in. */
  invalid: string[];
};

/**
 * The /admin/calibration data: the what-if at the candidate thresholds beside the one in force.
 * Reads only; the one thing it writes is the audit event that the what-if was viewed.
 */
export async function loadWhatIf(params: UrlParams): Promise<WhatIfView> {
  const user = await requireRole(CALIBRATION_ROLES);
  const { thresholds } = getEnv();
  const { values, invalid } = readUrlFilters({ pass: threshold, fail: threshold }, params);
  let candidate = { pass: values.pass ?? thresholds.pass, fail: values.fail ?? thresholds.fail };
  if (candidate.fail > candidate.pass) {
    invalid.push('fail');
    candidate = { pass: candidate.pass, fail: Math.min(thresholds.fail, candidate.pass) };
  }
  const db = await getDb();
  const { counts, judged, histogram } = await computeWhatIf(db, [candidate, { pass: thresholds.pass, fail: thresholds.fail }]);
  const [whatIf, inForce] = counts as [WhatIfCounts, WhatIfCounts];
  await recordAuditEvent({
    action: 'calibration.what_if_viewed',
    actor: auditActor(user),
    thresholds: { pass: thresholds.pass, fail: thresholds.fail },
    detail: { candidate, queue: whatIf.queue, humanFailedWouldPass: whatIf.humanFailedWouldPass, humanPassedWouldFail: whatIf.humanPassedWouldFail },
  });
  return { candidate: whatIf, inForce, judged, histogram, invalid };
}
