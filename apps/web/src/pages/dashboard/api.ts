import type { Dashboard } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dashboardKeys = { all: ['dashboard'] as const };

/** Counts for the home page (`GET /api/dashboard`). */
export function useDashboard(enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.all,
    queryFn: ({ signal }) => api.get<Dashboard>('/api/dashboard', undefined, { signal }),
    enabled,
  });
}
