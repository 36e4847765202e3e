'use client';

import { Flag } from '@/components/ui/icons';
import { Section } from '@/components/ui/card';
import { PassFail } from '@/components/ui/pass-fail';
import { Table, TableHead, Td, Th } from '@/components/ui/table';
import type { AttributeAssessment } from '@/lib/liveness/assessment';

/** Three columns and the flag's reason under the attribute's name: narrow enough for the side panel. */
export function FaceDetails({ attributes }: { attributes: AttributeAssessment[] }) {
  return (
    <Section title="Face details" id="face-details-heading" chrome="none">
      <Table aria-labelledby="face-details-heading" className="text-[13px]">
        <TableHead columns={['Attribute', 'Detected', 'Confidence']} cellClassName="px-2 py-0.5" />
        <tbody>
          {attributes.map((a) => (
            <tr key={a.key} data-flagged={a.flag ? 'true' : undefined} className={a.flag ? 'bg-amber-50 dark:bg-amber-950/40' : undefined}>
              <Th scope="row" className="border-slate-100 px-2 py-0.5 font-medium dark:border-slate-800">
                {a.label}
                {a.flag ? (
                  <span className="flex items-start gap-1 text-xs font-normal text-amber-900 dark:text-amber-200">
                    <Flag aria-hidden className="mt-px size-3.5 shrink-0" />
                    {a.flagReason}
                  </span>
                ) : (
                  <span className="sr-only">: Not flagged</span>
                )}
              </Th>
              <Td className="px-2 py-0.5">
                <PassFail value={a.detected} yesNo />
              </Td>
              <Td className="px-2 py-0.5">{a.confidence === undefined ? '—' : `${a.confidence}%`}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}
