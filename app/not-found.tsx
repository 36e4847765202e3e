import { MessagePage } from '@/components/layout/message-page';

export default function NotFound() {
  return (
    <MessagePage title="Not found" landmark>
      There is nothing at this address, or it is not yours to see.
    </MessagePage>
  );
}
