import { TriangleAlert } from '@/components/ui/icons';
import { Td } from '@/components/ui/table';

/** Stands in for a record Artemis sent that the console cannot read: text only, nothing to open. */
export function UnreadableRow({ label, note, span }: { label: string; note: string; span: number }) {
  return (
    <tr data-slot="unreadable-record">
      <Td className="break-all">{label}</Td>
      <Td colSpan={span}>
        <span className="flex items-start gap-2 text-amber-900 dark:text-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{note}</span>
        </span>
      </Td>
    </tr>
  );
}
