import { Link, usePageTitle } from '../router';
import { Heading, Paragraph } from '../ui/components';

export function NotFoundPage() {
  usePageTitle('Pagina niet gevonden');
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>
        Deze pagina bestaat niet. <Link href="/">Ga naar de startpagina</Link>.
      </Paragraph>
    </>
  );
}
