import { usePageTitle } from '../../router';
import { Heading, Paragraph } from '../../ui/components';

/** Placeholder while the page is being built (issue 6). */
export function MeetingsPage(_props: { id?: string }) {
  usePageTitle('Vergaderingen');
  return (
    <>
      <Heading level={1}>Vergaderingen</Heading>
      <Paragraph>Deze pagina wordt gebouwd.</Paragraph>
    </>
  );
}
