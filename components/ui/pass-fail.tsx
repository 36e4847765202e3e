import { CircleCheck, CircleQuestionMark, CircleX } from '@/components/ui/icons';

/** Pass / Fail / Not set with an icon and text, never colour alone. */
export function PassFail({ value, yesNo = false }: { value: boolean | undefined; yesNo?: boolean }) {
  if (value === undefined) {
    return (
      <span className="inline-flex items-center gap-1 text-slate-600 dark:text-slate-300">
        <CircleQuestionMark aria-hidden className="size-4" />
        Not set
      </span>
    );
  }
  const good = yesNo ? !value : value;
  const label = yesNo ? (value ? 'Yes' : 'No') : value ? 'Pass' : 'Fail';
  const Icon = good ? CircleCheck : CircleX;
  return (
    <span
      className={
        good
          ? 'inline-flex items-center gap-1 font-medium text-emerald-800 dark:text-emerald-300'
          : 'inline-flex items-center gap-1 font-medium text-red-800 dark:text-red-300'
      }
    >
      <Icon aria-hidden className="size-4" />
      {label}
    </span>
  );
}
