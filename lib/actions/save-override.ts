'use server';

import { authAction } from '@/lib/auth/action';
import { decideOverride } from '@/lib/overrides/decide';
import { overrideActionSchema } from '@/lib/overrides/schemas';
import { OVERRIDE_ROLES } from '@/lib/users/roles';

/** A reviewer's override from the review screen: the decision path is lib/overrides/decide.ts. */
export const saveOverrideAction = authAction(
  { roles: OVERRIDE_ROLES, schema: overrideActionSchema, denial: { action: 'override.denied' }, invalid: 'Some answers need attention before the override can be saved.' },
  decideOverride,
);
