import { MessagePage } from '@/components/layout/message-page';

export default function ConsoleNotFound() {
  return <MessagePage title="Not found">There is nothing at this address, or it is not yours to see.</MessagePage>;
}
