import { ApiError } from '../../api/api-client';
import { Link } from '../../router';

/** The shapes of libs/access's admin answers. */
export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  party: { id: string; kind: string; name: string };
  role: 'chair' | 'member' | 'privacy_officer' | 'admin';
  teams: { id: string; name: string }[];
  disabled: boolean;
  disabledAt: string | null;
  hasTotp: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface AdminTeamView {
  id: string;
  name: string;
  municipality: { id: string; name: string; code: string };
  members: {
    userId: string;
    username: string;
    displayName: string;
    role: AdminUserView['role'];
    party: { id: string; kind: string; name: string };
    disabled: boolean;
  }[];
  createdAt: string;
}

export interface AdminPartyView {
  id: string;
  kind: string;
  name: string;
  users: number;
}

/** The admin API answers its refusals in English (for developers); the web app says them in Dutch. */
const DUTCH: Record<string, string> = {
  username_taken: 'Deze gebruikersnaam is al in gebruik.',
  role_without_client_data:
    'Een beheerder of privacy officer ziet geen cliëntgegevens en neemt niet deel aan een casusoverleg.',
  chair_party: 'Alleen iemand van de gemeente (procesregisseur) kan voorzitter zijn.',
  self_disable: 'U kunt uw eigen account niet uitschakelen.',
  self_demotion: 'U kunt uw eigen rol van beheerder niet wijzigen.',
  last_admin: 'Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.',
  user_disabled: 'Deze gebruiker is uitgeschakeld.',
  already_member: 'Deze gebruiker neemt al deel aan dit casusoverleg.',
};

export function dutchAdminError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const messages = error.details.map((d) => DUTCH[d.code]).filter(Boolean);
  if (messages.length > 0) return new ApiError(error.status, messages.join(' '), error.code, error.details);
  if (error.details.some((d) => d.field === 'username')) {
    return new ApiError(
      error.status,
      'Een gebruikersnaam bestaat uit 3 tot 100 kleine letters, cijfers, “.”, “_”, “-” of “@”.',
    );
  }
  if (error.details.some((d) => d.field === 'email')) {
    return new ApiError(error.status, 'Vul een geldig e-mailadres in, of laat het veld leeg.');
  }
  return error;
}

/** Users and teams: two pages under Beheer. */
export function AdminTabs({ current }: { current: 'users' | 'teams' }) {
  return (
    <nav aria-label="Beheer" className="koers-subnav">
      <ul>
        <li>
          <Link href="/beheer" aria-current={current === 'users' ? 'page' : undefined}>
            Gebruikers
          </Link>
        </li>
        <li>
          <Link href="/beheer/casusoverleggen" aria-current={current === 'teams' ? 'page' : undefined}>
            Casusoverleggen
          </Link>
        </li>
      </ul>
    </nav>
  );
}
