'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/admin/action-message';
import { useUserAction } from '@/components/admin/use-user-action';
import { Button } from '@/components/ui/button';
import { disableEndpointAction, enableEndpointAction, resendDeliveryAction, sendTestEventAction } from '@/lib/actions/webhooks';
import type { UserActionResult } from '@/lib/users/admin-schemas';

/** `Disable` (or `Enable`) and `Send test event` for one endpoint, in its table row. */
export function EndpointControls({ endpoint }: { endpoint: { id: string; url: string; enabled: boolean } }) {
  const [last, setLast] = useState<UserActionResult | null>(null);
  const toggle = useUserAction(endpoint.enabled ? disableEndpointAction : enableEndpointAction, setLast);
  const test = useUserAction(sendTestEventAction, setLast);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form onSubmit={toggle.onSubmit}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button
            type="submit"
            variant="secondary"
            className="px-2 py-1"
            disabled={toggle.pending}
            aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}
          >
            {endpoint.enabled ? 'Disable' : 'Enable'}
          </Button>
        </form>
        {endpoint.enabled ? (
          <form onSubmit={test.onSubmit}>
            <input type="hidden" name="endpointId" value={endpoint.id} />
            <Button type="submit" variant="secondary" className="px-2 py-1" disabled={test.pending} aria-label={`Send test event to ${endpoint.url}`}>
              Send test event
            </Button>
          </form>
        ) : null}
      </div>
      <ActionMessage result={last} testId="endpoint" />
    </div>
  );
}

/** `Resend` for one delivery on an endpoint's page. */
export function ResendButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const resend = useUserAction(resendDeliveryAction);
  return (
    <form onSubmit={resend.onSubmit} className="space-y-1">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={resend.pending} aria-label={`Resend ${label}`}>
        Resend
      </Button>
      <ActionMessage result={resend.result} testId="resend" />
    </form>
  );
}
