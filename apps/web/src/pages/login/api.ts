import type { LoginBody, Me } from '@dangjian/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Signs in; the answer is the session (`Me`) with a fresh CSRF token. */
export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<Me>('/api/auth/login', body, { skipAuthRedirect: true }),
  });
}
