import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, request, setCsrfToken } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import type { Session } from '../shared/types';

interface SessionContextValue {
  session: Session | null;
  /** True until the first GET /api/session has answered. */
  loading: boolean;
  /** How the last session ended in this tab, so the sign-in page can say why. */
  ended: 'signed-out' | 'expired' | null;
  signIn(email: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
  refresh(): Promise<Session | null>;
  /** Forget the session locally (after a 401). */
  expire(): void;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<'signed-out' | 'expired' | null>(null);

  const adopt = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
    return next;
  }, []);

  const refresh = useCallback(async () => {
    try {
      const { data } = await request<ApiResponse<'get-current-session'>>('/api/session/current', { quietAuth: true });
      return adopt(data.session);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return adopt(null);
      throw error;
    } finally {
      setLoading(false);
    }
  }, [adopt]);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
  }, [refresh]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      loading,
      ended,
      async signIn(email, password) {
        const { data } = await request<Session>('/api/session', { method: 'POST', body: { email, password }, quietAuth: true });
        setEnded(null);
        return adopt(data) as Session;
      },
      async signOut() {
        // A session opened through single sign-on also ends at the identity provider, if it offers that.
        const endSessionUrl = await request<ApiResponse<'single-sign-on-end-session'>>('/api/session/oidc/end-session', { quietAuth: true })
          .then(({ data }) => data.endSessionUrl, () => null);
        try {
          await request('/api/session', { method: 'DELETE', quietAuth: true });
        } finally {
          setEnded('signed-out');
          adopt(null);
        }
        if (endSessionUrl) window.location.assign(endSessionUrl);
      },
      refresh,
      expire() {
        setEnded('expired');
        adopt(null);
      },
      can(permission) {
        return session?.permissions.includes(permission) ?? false;
      },
    }),
    [session, loading, ended, adopt, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind the sign-in guard. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
