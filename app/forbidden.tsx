import { MessagePage } from '@/components/layout/message-page';

export default function Forbidden() {
  return (
    <MessagePage title="Not allowed" landmark>
      Your role does not give access to this page.
    </MessagePage>
  );
}
