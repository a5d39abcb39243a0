import type { ChangePasswordBody, Me, SecurityPolicy } from '@dangjian/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** The part of the security policy a user needs to choose a password. */
export type PasswordPolicyHint = Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>;

/** Password rules for the hint on the change-password form (`GET /api/settings/security-hint`). */
export function usePasswordPolicyHint() {
  return useQuery({
    queryKey: ['settings', 'security-hint'],
    queryFn: ({ signal }) =>
      api.get<PasswordPolicyHint>('/api/settings/security-hint', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Changes the user's password; answers the refreshed session with a new CSRF token. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<Me>('/api/auth/password', body),
  });
}
