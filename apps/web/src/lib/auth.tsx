import type { Me } from '@dangjian/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { type AuthFailureCode, api, isApiError, setAuthFailureHandler, setCsrfToken } from './api';
import { useIdleTimeout } from './idle';

/** Query key of the signed-in user (`GET /api/auth/me`); `null` data means signed out. */
export const meQueryKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { skipAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED', 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface SignOutOptions {
  /** Tell the server to end the session (false when it has already ended it). */
  callServer?: boolean;
  /** Come back to the current page after signing in again. */
  keepLocation?: boolean;
  /** Shown once as a warning, e.g. why the user was signed out. */
  notice?: string;
}

interface AuthContextValue {
  me: Me | null;
  isLoading: boolean;
  error: Error | null;
  retry: () => void;
  /** Stores the session returned by login or password change. */
  signIn: (me: Me) => void;
  signOut: (options?: SignOutOptions) => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** `/login`, with a `redirect` back to `location` unless it is the home page. */
export function loginPath(location: { pathname: string; search: string }): string {
  const target = `${location.pathname}${location.search}`;
  if (target === '/' || location.pathname === '/login') return '/login';
  return `/login?redirect=${encodeURIComponent(target)}`;
}

/** A same-site path from a `redirect` parameter, or `/` when it is missing or points elsewhere. */
export function safeRedirect(raw: string | null): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw.startsWith('/login') || raw.startsWith('/setup')) return '/';
  return raw;
}

/** Holds the session: who is signed in, their permissions and CSRF token; signs out on idle or expiry. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const locationRef = useRef(location);
  useEffect(() => {
    locationRef.current = location;
  }, [location]);
  const noticeShown = useRef(false);

  const query = useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  const me = query.data ?? null;

  const signIn = useCallback(
    (next: Me) => {
      setCsrfToken(next.csrfToken);
      noticeShown.current = false;
      queryClient.setQueryData(meQueryKey, next);
    },
    [queryClient],
  );

  const forgetSession = useCallback(() => {
    setCsrfToken(null);
    queryClient.setQueryData(meQueryKey, null);
    // Drop everything the previous user could read once the pages have unmounted.
    window.setTimeout(() => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }), 0);
  }, [queryClient]);

  const signOut = useCallback(
    async ({ callServer = true, keepLocation = false, notice }: SignOutOptions = {}) => {
      if (callServer) {
        try {
          await api.post('/api/auth/logout', {}, { skipAuthRedirect: true });
        } catch {
          // The session may already be gone on the server; signing out locally is what matters.
        }
      }
      if (notice && !noticeShown.current) {
        noticeShown.current = true;
        message.warning(notice);
      }
      const target = keepLocation ? loginPath(locationRef.current) : '/login';
      forgetSession();
      navigate(target, { replace: true });
    },
    [forgetSession, message, navigate],
  );

  useEffect(() => {
    const onAuthFailure = (code: AuthFailureCode) => {
      if (code === 'PASSWORD_CHANGE_REQUIRED') {
        queryClient.setQueryData<Me | null>(meQueryKey, (prev) =>
          prev ? { ...prev, user: { ...prev.user, mustChangePassword: true } } : prev,
        );
        navigate('/change-password', { replace: true });
        return;
      }
      if (queryClient.getQueryData(meQueryKey) === null) return;
      void signOut({
        callServer: false,
        keepLocation: true,
        notice: code === 'SESSION_EXPIRED' ? '登录已超时，请重新登录' : '请先登录',
      });
    };
    setAuthFailureHandler(onAuthFailure);
    return () => setAuthFailureHandler(null);
  }, [navigate, queryClient, signOut]);

  useIdleTimeout(me ? me.idleTimeoutMinutes : null, () => {
    void signOut({ callServer: true, keepLocation: true, notice: '长时间未操作，已自动退出登录' });
  });

  const { refetch } = query;
  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      isLoading: query.isPending,
      error: query.error,
      retry: () => void refetch(),
      signIn,
      signOut,
    }),
    [me, query.isPending, query.error, refetch, signIn, signOut],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

/** The session context; must be used under `AuthProvider`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered under `RequireAuth`. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used inside RequireAuth');
  return me;
}

/** Full-page loading indicator. */
export function PageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Renders its children only for a signed-in user; otherwise goes to /login (keeping `redirect`).
 * A user who must change their password is held on /change-password.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isLoading, error, retry } = useAuth();
  const location = useLocation();
  if (isLoading) return <PageSpin />;
  if (!me && error) {
    return (
      <Result
        status="error"
        title="无法获取登录状态"
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me) return <Navigate to={loginPath(location)} replace />;
  if (me.user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return children;
}
