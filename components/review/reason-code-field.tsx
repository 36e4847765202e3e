import type { ComponentProps } from 'react';
import { describedBy, Field, Select } from '@/components/ui/field';
import { REASON_CODES, REASON_CODE_LABELS } from '@/lib/liveness/reason-codes';

/** The reason-code choice of every decision form; `control` is what react-hook-form's `register` gives, plus any extra attributes. */
export function ReasonCodeField({ id, error, control }: { id: string; error: string | undefined; control: ComponentProps<'select'> }) {
  return (
    <Field id={id} label="Reason code" error={error}>
      <Select id={id} defaultValue="" {...control} {...describedBy(id, error)}>
        <option value="" disabled>
          Choose a reason code…
        </option>
        {REASON_CODES.map((code) => (
          <option key={code} value={code}>
            {REASON_CODE_LABELS[code]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
