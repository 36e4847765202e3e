import { z } from 'zod';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@/lib/audit/actions';

// The webhook endpoint form's one schema, used by the form and its action (SPEC §15).

/** How each event type reads in the form and the delivery log. */
export const NOTIFICATION_EVENT_LABELS: Record<NotificationEventType, string> = {
  'decision.applied': 'A decision applied in Artemis',
  'decision.not_applied': 'A decision not applied',
  'decision.outcome_unknown': 'A decision with an unknown outcome',
  'proposal.created': 'A proposal awaiting approval',
  'proposal.decided': 'A proposal approved or rejected',
  'case.escalated': 'A document escalated',
  'case.assigned': 'A document assigned',
  'sla.breached': 'A document overdue',
};

const checked = (value: unknown) => value === 'on' || value === true || value === 'true';

/** The form posts one checkbox per event type, named by it; the schema gathers the ticked ones. */
export const endpointSchema = z.preprocess(
  (raw) => {
    const fields = (raw ?? {}) as Record<string, unknown>;
    return {
      url: fields.url,
      includeReasonText: checked(fields.includeReasonText),
      eventTypes: NOTIFICATION_EVENT_TYPES.filter((type) => checked(fields[type])),
    };
  },
  z.object({
    url: z
      .string({ error: 'Enter the endpoint URL.' })
      .trim()
      .min(1, 'Enter the endpoint URL.')
      .max(2000, 'At most 2000 characters.')
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'Enter a full URL, such as https://hooks.example.com/liveness.'),
    eventTypes: z.array(z.enum(NOTIFICATION_EVENT_TYPES)).min(1, 'Choose at least one event to send.'),
    includeReasonText: z.boolean(),
  }),
);
export type EndpointInput = z.output<typeof endpointSchema>;

export const endpointIdSchema = z.object({ endpointId: z.string().uuid('Unknown endpoint.') });
export const deliveryIdSchema = z.object({ deliveryId: z.string().min(1, 'Unknown delivery.').max(200, 'Unknown delivery.') });

export const MAIL_KINDS = ['proposal', 'escalation', 'assignment', 'overdue'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  proposal: 'A proposal waits for my approval',
  escalation: 'A document is escalated to the compliance lead (admins)',
  assignment: 'A document is assigned to me',
  overdue: 'Documents become overdue (one digest an hour at most)',
};

/** `/account` `Notifications`: one checkbox per kind of mail, named by it; the ticked ones are on. */
export const mailSettingsSchema = z.preprocess(
  (raw) => ({ on: MAIL_KINDS.filter((kind) => checked(((raw ?? {}) as Record<string, unknown>)[kind])) }),
  z.object({ on: z.array(z.enum(MAIL_KINDS)) }),
);
