import { type SearchKind, type SearchResponse, searchLimits } from '@dangjian/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface SearchParams {
  q: string;
  kind?: SearchKind | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const searchKeys = { all: ['search'] as const, of: (p: SearchParams) => ['search', p] as const };

/**
 * The global search (`GET /api/search`): the groups of the kinds the user may view, each with its total.
 * Nothing is asked for an empty or over-long text; the previous answer stays shown while the next loads.
 */
export function useSearch(params: SearchParams) {
  const q = params.q.trim();
  return useQuery({
    queryKey: searchKeys.of({ ...params, q }),
    queryFn: ({ signal }) =>
      api.get<SearchResponse>(
        '/api/search',
        { q, kind: params.kind, limit: params.limit, offset: params.offset },
        { signal },
      ),
    enabled: q.length >= searchLimits.text.min && q.length <= searchLimits.text.max,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
