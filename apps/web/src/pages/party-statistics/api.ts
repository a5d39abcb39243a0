import type { PartyStatistics } from '@dangjian/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';

/** The year and subtree the page shows, kept in the URL. */
export interface PartyStatisticsParams {
  year: number;
  orgId?: number | undefined;
}

export function usePartyStatistics(p: PartyStatisticsParams) {
  return useQuery({
    queryKey: ['party-statistics', p.year, p.orgId ?? null] as const,
    queryFn: ({ signal }) =>
      api.get<PartyStatistics>('/api/party-statistics', { year: p.year, orgId: p.orgId }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const partyStatisticsUrl = (p: PartyStatisticsParams) =>
  buildUrl('/api/party-statistics.xlsx', { year: p.year, orgId: p.orgId });
