'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/admin/action-message';
import { RowAction } from '@/components/admin/row-action';
import { useUserAction } from '@/components/admin/use-user-action';
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
        <RowAction run={toggle} field="endpointId" value={endpoint.id} label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </RowAction>
        {endpoint.enabled ? (
          <RowAction run={test} field="endpointId" value={endpoint.id} label={`Send test event to ${endpoint.url}`}>
            Send test event
          </RowAction>
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
    <div className="space-y-1">
      <RowAction run={resend} field="deliveryId" value={deliveryId} label={`Resend ${label}`}>
        Resend
      </RowAction>
      <ActionMessage result={resend.result} testId="resend" />
    </div>
  );
}
