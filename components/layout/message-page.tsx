import type { ReactNode } from 'react';
import { TextLink } from '@/components/ui/text-link';

/**
 * A short page that explains why there is nothing to show. `landmark` when rendered outside the
 * console layout, which otherwise provides the <main>.
 */
export function MessagePage({ title, children, landmark = false }: { title: string; children: ReactNode; landmark?: boolean }) {
  const Wrapper = landmark ? 'main' : 'div';
  return (
    <Wrapper className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm">{children}</p>
      <TextLink href="/customers" className="mt-4 inline-block">
        Back to customers
      </TextLink>
    </Wrapper>
  );
}
