import type { ReactNode } from 'react';
import { canSeeClients, ROLE_LABELS, useMe, useSession } from '../auth/session';
import { useUnreadCount } from '../pages/inbox/unread-count';
import { Link, useLocation } from '../router';
import { Button } from '../ui/components';

interface NavItem {
  href: string;
  label: string;
  /** Whether the item is current for a path (sub-pages count). */
  matches: (path: string) => boolean;
  /** A count shown beside the label (unread notifications). */
  badge?: number | null;
}

/** The navigation a user gets: client pages only for those who may see clients (not privacy officer, admin). */
export function navItems(me: ReturnType<typeof useMe>): NavItem[] {
  const items: NavItem[] = [];
  if (canSeeClients(me)) {
    items.push(
      { href: '/', label: 'Bord', matches: (p) => p === '/' || p.startsWith('/clienten') },
      { href: '/vergaderingen', label: 'Vergaderingen', matches: (p) => p.startsWith('/vergaderingen') },
      { href: '/inbox', label: 'Inbox', matches: (p) => p.startsWith('/inbox') },
    );
  }
  // The budget only for those whose party may see it (need-to-know: not the police) and who sit in a casusoverleg.
  if (canSeeClients(me) && me.categories.includes('budget') && me.teamIds.length > 0) {
    items.push({ href: '/budget', label: 'Budget', matches: (p) => p.startsWith('/budget') });
  }
  // Reports for those who see every client of their casusoverleg (not chain partners: libs/reporting decides).
  if (canSeeClients(me) && me.teamIds.length > 0) {
    items.push({ href: '/rapportages', label: 'Rapportages', matches: (p) => p.startsWith('/rapportages') });
  }
  if (me.role === 'admin') {
    items.push({ href: '/beheer', label: 'Beheer', matches: (p) => p === '/' || p.startsWith('/beheer') });
  }
  if (me.role === 'privacy_officer') {
    items.push({
      href: '/toegangslog',
      label: 'Toegangslog',
      matches: (p) => p === '/' || p.startsWith('/toegangslog'),
    });
  }
  return items;
}

/** Header with the user's party and role, the main navigation, a skip link, and the page as <main>. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { logout } = useSession();
  const { path } = useLocation();
  const unread = useUnreadCount(path, canSeeClients(me));
  return (
    <div className="koers-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        Direct naar de inhoud
      </a>
      <header className="koers-header">
        <div className="koers-header__inner">
          <Link href="/" className="koers-logo">
            Koers
          </Link>
          <nav aria-label="Hoofdmenu" className="koers-nav">
            <ul>
              {navItems(me).map((item) => {
                const current = item.matches(path);
                const badge = item.href === '/inbox' ? unread : item.badge;
                return (
                  <li key={item.href}>
                    <Link href={item.href} aria-current={current ? 'page' : undefined}>
                      {item.label}
                      {badge ? (
                        <span className="koers-nav__badge">
                          {badge}
                          <span className="koers-visually-hidden"> ongelezen</span>
                        </span>
                      ) : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="koers-user">
            <span>
              {me.displayName} <span className="koers-user__role">({ROLE_LABELS[me.role]})</span>
            </span>
            <Button kind="subtle" onClick={() => void logout()}>
              Uitloggen
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="koers-main">
        {children}
      </main>
      <footer className="koers-footer">
        <p className="utrecht-paragraph utrecht-paragraph--small">
          Koers · Gemeentelijke Aanpak Middelenproblematiek · Elke inzage in cliëntgegevens wordt vastgelegd.
        </p>
      </footer>
    </div>
  );
}
