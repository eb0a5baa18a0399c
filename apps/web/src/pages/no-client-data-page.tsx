import { ROLE_LABELS, useMe } from '../auth/session';
import { usePageTitle } from '../router';
import { Heading, Paragraph } from '../ui/components';

/** The start page of roles without access to client data (privacy officer, admin). */
export function NoClientDataPage() {
  const me = useMe();
  usePageTitle('Startpagina');
  return (
    <>
      <Heading level={1}>Welkom, {me.displayName}</Heading>
      <Paragraph>
        U bent ingelogd als {ROLE_LABELS[me.role].toLowerCase()}. Deze rol heeft geen toegang tot
        cliëntgegevens.
      </Paragraph>
    </>
  );
}
