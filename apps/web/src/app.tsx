import { LoginPage } from './auth/login-page';
import { OidcLoginPage } from './auth/oidc-login-page';
import { SessionProvider, useSession } from './auth/session';
import { AppShell } from './layout/app-shell';
import { NotFoundPage } from './pages/not-found-page';
import { matchRoute, useLocation } from './router';
import { routesFor } from './routes';
import { Loading } from './ui/components';

function Pages() {
  const { me, loading } = useSession();
  const { path } = useLocation();
  if (loading) return <Loading what="Uw gegevens" />;
  if (!me) return path === '/login/oidc' ? <OidcLoginPage /> : <LoginPage />;
  const match = matchRoute(routesFor(me), path);
  return <AppShell>{match ? match.route.render(match.params) : <NotFoundPage />}</AppShell>;
}

export function App() {
  return (
    <SessionProvider>
      <Pages />
    </SessionProvider>
  );
}
