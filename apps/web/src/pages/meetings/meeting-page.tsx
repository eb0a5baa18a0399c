import { usePageTitle } from '../../router';
import { Heading, Paragraph } from '../../ui/components';

/** Placeholder while the page is being built (issue 6). */
export function MeetingPage(_props: { id?: string }) {
  usePageTitle('Vergadering');
  return (
    <>
      <Heading level={1}>Vergadering</Heading>
      <Paragraph>Deze pagina wordt gebouwd.</Paragraph>
    </>
  );
}
