import { usePageTitle } from '../../router';
import { Heading, Paragraph } from '../../ui/components';

/** Placeholder while the page is being built (issue 6). */
export function BoardPage(_props: { id?: string }) {
  usePageTitle('Bord');
  return (
    <>
      <Heading level={1}>Bord</Heading>
      <Paragraph>Deze pagina wordt gebouwd.</Paragraph>
    </>
  );
}
