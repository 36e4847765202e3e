'use client';

import { Flag } from '@/components/ui/icons';
import { Section } from '@/components/ui/card';
import { PassFail } from '@/components/ui/pass-fail';
import { Table, TableHead, Td, Th } from '@/components/ui/table';
import type { AttributeAssessment } from '@/lib/liveness/assessment';

export function FaceDetails({ attributes }: { attributes: AttributeAssessment[] }) {
  return (
    <Section title="Face details" id="face-details-heading">
      <Table aria-labelledby="face-details-heading">
        <TableHead columns={['Attribute', 'Detected', 'Confidence', 'Flag']} />
        <tbody>
          {attributes.map((a) => (
            <tr key={a.key} data-flagged={a.flag ? 'true' : undefined} className={a.flag ? 'bg-amber-50 dark:bg-amber-950/40' : undefined}>
              <Th scope="row" className="border-slate-100 font-medium dark:border-slate-800">
                {a.label}
              </Th>
              <Td>
                <PassFail value={a.detected} yesNo />
              </Td>
              <Td>{a.confidence === undefined ? '—' : `${a.confidence}%`}</Td>
              <Td>
                {a.flag ? (
                  <span className="inline-flex items-center gap-1 text-amber-900 dark:text-amber-200">
                    <Flag aria-hidden className="size-4" />
                    {a.flagReason}
                  </span>
                ) : (
                  <span className="text-slate-600 dark:text-slate-300">Not flagged</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}
