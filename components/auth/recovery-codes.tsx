'use client';

import { Button } from '@/components/ui/button';

/** Recovery codes, shown once: each works one time when the authenticator app is not at hand. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  return (
    <div className="space-y-3 text-sm" data-testid="recovery-codes">
      <p>
        Keep these recovery codes somewhere safe, away from your phone. Each one signs you in once if you lose your authenticator app. They are not shown again.
      </p>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-1 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono dark:border-slate-700 dark:bg-slate-800"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button type="button" className="w-full" onClick={onSaved}>
        I have saved these codes
      </Button>
    </div>
  );
}
