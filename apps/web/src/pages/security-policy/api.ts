import type { SecurityPolicy } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { meQueryKey } from '../../lib/auth';

export const securityPolicyKeys = { all: ['settings', 'security'] as const };

/** Password, lockout and idle-timeout policy. */
export function useSecurityPolicy() {
  return useQuery({
    queryKey: securityPolicyKeys.all,
    queryFn: ({ signal }) => api.get<SecurityPolicy>('/api/settings/security', undefined, { signal }),
  });
}

/** Saves the policy; the session is reloaded because it carries the idle timeout. */
export function useSaveSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecurityPolicy) => api.put<SecurityPolicy>('/api/settings/security', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(securityPolicyKeys.all, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['settings', 'security-hint'] }),
      ]);
    },
  });
}
