'use server';

import { authAction } from '@/lib/auth/action';
import { decideOverride } from '@/lib/overrides/decide';
import { overrideActionSchema } from '@/lib/overrides/schemas';
import { revalidateDocument } from '@/lib/review/revalidate';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/** A reviewer's override from the review screen: the decision is lib/overrides/decide.ts. */
export const saveOverrideAction = authAction(
  {
    roles: OVERRIDE_ROLES,
    schema: overrideActionSchema,
    denial: { action: 'override.denied' },
    invalid: 'Some answers need attention before the override can be saved.',
  },
  async (input, user) => {
    const result = await decideOverride(input, user);
    // An unknown outcome is in the trail too: the history shows it until it is settled.
    if (result.ok || result.kind === 'unknown') revalidateDocument(input.customerId);
    return result;
  },
);
