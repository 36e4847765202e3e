'use server';

import { authAction } from '@/lib/auth/action';
import { recordQaVerdict } from '@/lib/calibration/qa-verdict';
import { qaVerdictActionSchema } from '@/lib/calibration/qa-schemas';
import { revalidateDocument } from '@/lib/review/revalidate';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/** Agree / Disagree on a QA-sampled automated pass (reviewers and admins; SPEC §11). */
export const recordQaVerdictAction = authAction(
  {
    roles: OVERRIDE_ROLES,
    schema: qaVerdictActionSchema,
    denial: { action: 'override.denied', detail: { qaVerdict: true } },
    invalid: 'Some answers need attention before the QA verdict can be recorded.',
  },
  async (input, user) => {
    const result = await recordQaVerdict(input, user);
    if (result.ok) revalidateDocument(input.customerId);
    return result;
  },
);
