'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { saveNotificationsAction } from '@/lib/actions/save-notifications';
import { MAIL_KIND_LABELS, MAIL_KINDS, type MailKind } from '@/lib/notifications/schemas';

type State = Awaited<ReturnType<typeof saveNotificationsAction>> | null;

/** `/account`'s `Notifications`: which mail the person gets; mails carry links, never evidence. */
export function NotificationsSection({ settings, mailConfigured }: { settings: Record<MailKind, boolean>; mailConfigured: boolean }) {
  const [state, formAction, pending] = useActionState<State, FormData>((_previous, form) => saveNotificationsAction(form), null);
  return (
    // Keyed by what is saved: after a save the form starts again from it.
    <form key={JSON.stringify(settings)} action={formAction} aria-label="Notifications" className="space-y-3">
      {mailConfigured ? null : (
        <p className="text-sm text-slate-700 dark:text-slate-300">This console sends no mail (SMTP_URL is not set); your choice is kept for when it does.</p>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Mail me when</legend>
        {MAIL_KINDS.map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={kind} defaultChecked={settings[kind]} className="size-4" />
            {MAIL_KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? 'Saving…' : 'Save notifications'}
      </Button>
      {state ? (
        <Alert tone={state.ok ? 'success' : 'error'} title={state.message} testId={state.ok ? 'notifications-saved' : 'notifications-not-saved'} />
      ) : null}
    </form>
  );
}
