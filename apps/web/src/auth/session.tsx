import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, configureApi } from '../api/api-client';

/** The logged-in user as GET /api/auth/me describes them. */
export interface Me {
  userId: string;
  username: string;
  displayName: string;
  partyId: string;
  partyKind: string;
  role: 'chair' | 'member' | 'privacy_officer' | 'admin';
  teamIds: string[];
  memberTeamIds: string[];
  invitations: { clientId: string; scope: string[] | null }[];
  categories: string[];
}

interface LoginResult {
  token: string;
  expiresAt: string;
  idleTimeoutMinutes: number;
}

interface SessionState {
  me: Me | null;
  /** Checking a token kept from before a reload. */
  loading: boolean;
  /** Why the user is on the login page again (the session ended), in Dutch. */
  notice: string | null;
  login(username: string, password: string, totp?: string): Promise<void>;
  logout(): Promise<void>;
  /** Accept a bearer token obtained another way (single sign-on). */
  adoptToken(token: string): Promise<void>;
}

// sessionStorage: the token dies with the tab; the server ends idle and old sessions anyway.
const TOKEN_KEY = 'koers.token';
const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState<boolean>(() => sessionStorage.getItem(TOKEN_KEY) !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const forget = useCallback((why: string | null) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setMe(null);
    setNotice(why);
  }, []);

  useEffect(() => {
    configureApi(
      () => sessionStorage.getItem(TOKEN_KEY),
      () => forget('Uw sessie is verlopen of beëindigd. Log opnieuw in.'),
    );
  }, [forget]);

  const adoptToken = useCallback(async (fresh: string) => {
    sessionStorage.setItem(TOKEN_KEY, fresh);
    setToken(fresh);
    setMe(await api<Me>('/auth/me'));
    setNotice(null);
  }, []);

  useEffect(() => {
    if (!token || me) return;
    let cancelled = false;
    api<Me>('/auth/me')
      .then((found) => !cancelled && setMe(found))
      .catch(() => !cancelled && forget(null))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [token, me, forget]);

  const value = useMemo<SessionState>(
    () => ({
      me,
      loading,
      notice,
      async login(username, password, totp) {
        const result = await api<LoginResult>('/auth/login', {
          method: 'POST',
          body: totp ? { username, password, totp } : { username, password },
          anonymous: true,
        });
        await adoptToken(result.token);
      },
      async logout() {
        try {
          await api('/auth/logout', { method: 'POST' });
        } finally {
          forget('U bent uitgelogd.');
        }
      },
      adoptToken,
    }),
    [me, loading, notice, adoptToken, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in user; only for pages behind the login. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a logged-in user');
  return me;
}

/** Roles and parties in Dutch, for the header and forms. */
export const ROLE_LABELS: Record<Me['role'], string> = {
  chair: 'Voorzitter',
  member: 'Deelnemer',
  privacy_officer: 'Privacy officer',
  admin: 'Beheerder',
};

export const canSeeClients = (me: Me) => me.role !== 'privacy_officer' && me.role !== 'admin';
