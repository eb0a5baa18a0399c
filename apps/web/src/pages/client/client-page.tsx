import { usePageTitle } from '../../router';
import { Heading, Paragraph } from '../../ui/components';

/** Placeholder while the page is being built (issue 6). */
export function ClientPage(_props: { id?: string }) {
  usePageTitle('Cliënt');
  return (
    <>
      <Heading level={1}>Cliënt</Heading>
      <Paragraph>Deze pagina wordt gebouwd.</Paragraph>
    </>
  );
}
