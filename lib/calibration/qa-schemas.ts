import { z } from 'zod';
import { documentKeySchema } from '@/lib/ids';
import { overrideFormSchema } from '@/lib/overrides/schemas';

// The QA verdict form's inputs, shared by the form (client) and its action (server).

/** What the reviewer fills in: the override's reason code and reason, as for any decision. */
export const qaVerdictFormSchema = overrideFormSchema.pick({ reasonCode: true, reason: true });

export const qaVerdictActionSchema = qaVerdictFormSchema.extend({
  ...documentKeySchema.shape,
  seenVersion: z.string().min(1).max(200),
  verdict: z.enum(['agree', 'disagree']),
});

export type QaVerdictFormInput = z.input<typeof qaVerdictFormSchema>;
export type QaVerdictFormValues = z.output<typeof qaVerdictFormSchema>;
