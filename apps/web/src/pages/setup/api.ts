import type { SetupBody, SetupChecklist, SetupStatus, setupResult } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export type SetupResult = z.infer<typeof setupResult>;

export const setupKeys = { status: ['auth', 'setup-status'] as const };

/** Whether the platform is initialised, the school, and the demo accounts (public). */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupKeys.status,
    queryFn: ({ signal }) =>
      api.get<SetupStatus>('/api/setup/status', undefined, { signal, skipAuthRedirect: true }),
    staleTime: 60_000,
  });
}

/** First-run initialisation: the college's own platform or the demo college. */
export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupBody) => api.post<SetupResult>('/api/setup', body, { skipAuthRedirect: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setupKeys.status }),
  });
}

/** A new school's set-up checklist (GET /api/setup/checklist), computed from its records. */
export function useSetupChecklist(enabled = true) {
  return useQuery({
    queryKey: ['setup', 'checklist'] as const,
    queryFn: ({ signal }) => api.get<SetupChecklist>('/api/setup/checklist', undefined, { signal }),
    enabled,
  });
}
