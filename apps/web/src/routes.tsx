import { canSeeClients, type Me } from './auth/session';
import { AdminTeamsPage } from './pages/admin/admin-teams-page';
import { AdminUsersPage } from './pages/admin/admin-users-page';
import { AccessLogPage } from './pages/audit/access-log-page';
import { ClientAccessPage } from './pages/audit/client-access-page';
import { BoardPage } from './pages/board/board-page';
import { BudgetPage } from './pages/budget/budget-page';
import { ClientPage } from './pages/client/client-page';
import { InboxPage } from './pages/inbox/inbox-page';
import { MeetingPage } from './pages/meetings/meeting-page';
import { MeetingsPage } from './pages/meetings/meetings-page';
import { NoClientDataPage } from './pages/no-client-data-page';
import { ReportsPage } from './pages/reports/reports-page';
import type { Route } from './router';

/** The app's pages, per role. Paths are Dutch (users read them) and carry ids only. */
export function routesFor(me: Me): Route[] {
  // The privacy officer reads the access log, and no client data: it is their start page.
  if (me.role === 'privacy_officer') {
    return [
      { pattern: '/', render: () => <AccessLogPage /> },
      { pattern: '/toegangslog', render: () => <AccessLogPage /> },
      { pattern: '/toegangslog/clienten/:id', render: ({ id }) => <ClientAccessPage key={id} id={id} /> },
    ];
  }
  if (me.role === 'admin') {
    return [
      { pattern: '/', render: () => <AdminUsersPage /> },
      { pattern: '/beheer', render: () => <AdminUsersPage /> },
      { pattern: '/beheer/casusoverleggen', render: () => <AdminTeamsPage /> },
    ];
  }
  if (!canSeeClients(me)) return [{ pattern: '/', render: () => <NoClientDataPage /> }];
  return [
    { pattern: '/', render: () => <BoardPage /> },
    { pattern: '/clienten/:id', render: ({ id }) => <ClientPage key={id} id={id} /> },
    { pattern: '/vergaderingen', render: () => <MeetingsPage /> },
    { pattern: '/vergaderingen/:id', render: ({ id }) => <MeetingPage key={id} id={id} /> },
    { pattern: '/inbox', render: () => <InboxPage /> },
    { pattern: '/budget', render: () => <BudgetPage /> },
    { pattern: '/rapportages', render: () => <ReportsPage /> },
  ];
}
