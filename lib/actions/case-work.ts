'use server';

import { authAction } from '@/lib/auth/action';
import { requestSource } from '@/lib/auth/request-source';
import { assign, escalate, returnToQueue, unassignSelf } from '@/lib/case-work/cases';
import { assignSchema, caseReasonSchema } from '@/lib/case-work/schemas';
import { documentKeySchema } from '@/lib/ids';
import { revalidateDocument } from '@/lib/review/revalidate';
import { CASE_LEAD_ROLES, ESCALATING_ROLES, OVERRIDE_ROLES } from '@/lib/users/roles';

// The review screen's and the queue's case work (SPEC §14); the rules are lib/case-work/cases.ts.

const revalidated = <R extends { ok: boolean }>(customerIds: number[], result: R): R => {
  if (result.ok) for (const id of new Set(customerIds)) revalidateDocument(id);
  return result;
};

export const escalateAction = authAction(
  { roles: ESCALATING_ROLES, schema: caseReasonSchema, invalid: 'The escalation needs attention.' },
  async ({ customerId, documentId, reason }, user) =>
    revalidated([customerId], await escalate(user, { customerId, documentId }, reason, await requestSource())),
);

export const returnToQueueAction = authAction(
  { roles: CASE_LEAD_ROLES, schema: caseReasonSchema, invalid: 'The return needs attention.' },
  async ({ customerId, documentId, reason }, user) =>
    revalidated([customerId], await returnToQueue(user, { customerId, documentId }, reason, await requestSource())),
);

export const assignAction = authAction(
  { roles: CASE_LEAD_ROLES, schema: assignSchema, invalid: 'The assignment needs attention.' },
  async ({ assigneeId, documents }, user) =>
    revalidated(
      documents.map((d) => d.customerId),
      await assign(user, assigneeId, documents),
    ),
);

export const unassignMeAction = authAction({ roles: OVERRIDE_ROLES, schema: documentKeySchema, invalid: 'Unknown document.' }, async (key, user) =>
  revalidated([key.customerId], await unassignSelf(user, key)),
);
