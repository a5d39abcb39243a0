import type { AlertList, RuleId, RuleKind, ruleCatalogueResponse, Severity } from '@dangjian/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';

/** One rule of the catalogue (`GET /api/alerts/rules`). */
export type RuleCatalogueEntry = z.infer<typeof ruleCatalogueResponse>[number];

/** One finding of the rules engine, as listed by `GET /api/alerts`. */
export type AlertItem = AlertList['items'][number];

/** Filters of the alert list (the export takes the same); all optional. */
export interface AlertFilters {
  orgId?: number | undefined;
  ruleId?: RuleId | undefined;
  severity?: Severity | undefined;
  kind?: RuleKind | undefined;
  q?: string | undefined;
}

/** Filters and the page. */
export interface AlertListParams extends AlertFilters {
  page: number;
  pageSize: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (params: AlertListParams) => ['alerts', 'list', params] as const,
  rules: ['alerts', 'rules'] as const,
};

const filterQuery = (f: AlertFilters) => ({
  orgId: f.orgId,
  ruleId: f.ruleId,
  severity: f.severity,
  kind: f.kind,
  q: f.q,
});

/** One page of the findings within the user's scope, with the counts of the filter chips. */
export function useAlertList(params: AlertListParams, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<AlertList>(
        '/api/alerts',
        { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The xlsx of every finding the filters select (the session cookie is enough for a same-origin GET). */
export function alertExportUrl(filters: AlertFilters): string {
  return buildUrl('/api/alerts/export.xlsx', filterQuery(filters));
}

/** The rule catalogue, for the rule filter. */
export function useRuleCatalogue() {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: ({ signal }) => api.get<RuleCatalogueEntry[]>('/api/alerts/rules', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}
