import { SHORTCUTS } from './keyboard';

/** Behind a disclosure below the evidence: learnt once, then out of the way. */
export function ShortcutLegend({ withForm }: { withForm: boolean }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <summary className="cursor-pointer font-semibold">Keyboard shortcuts</summary>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Outside the text fields:</p>
      <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-slate-700 dark:text-slate-300">
        {SHORTCUTS.filter((s) => withForm || !s.form).map(({ keys, does }) => (
          <div key={does} className="contents">
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? '+' : ''}
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono dark:border-slate-600 dark:bg-slate-800">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
