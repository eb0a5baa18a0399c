import { usePageTitle } from '../../router';
import { Heading, Paragraph } from '../../ui/components';

/** Placeholder while the page is being built (issue 6). */
export function InboxPage(_props: { id?: string }) {
  usePageTitle('Inbox');
  return (
    <>
      <Heading level={1}>Inbox</Heading>
      <Paragraph>Deze pagina wordt gebouwd.</Paragraph>
    </>
  );
}
