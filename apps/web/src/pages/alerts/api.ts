import type { AlertList, RuleId, ruleCatalogueResponse, Severity } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

/** One rule of the catalogue (`GET /api/alerts/rules`). */
export type RuleCatalogueEntry = z.infer<typeof ruleCatalogueResponse>[number];

/** One finding of the rules engine, as listed by `GET /api/alerts`. */
export type AlertItem = AlertList['items'][number];

/** Filters of the alert list; all optional. */
export interface AlertFilters {
  orgId?: number | undefined;
  ruleId?: RuleId | undefined;
  severity?: Severity | undefined;
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (filters: AlertFilters) => ['alerts', 'list', filters] as const,
  rules: ['alerts', 'rules'] as const,
};

/** Findings of the rules engine within the user's scope. */
export function useAlertList(filters: AlertFilters, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ signal }) =>
      api.get<AlertList>(
        '/api/alerts',
        { orgId: filters.orgId, ruleId: filters.ruleId, severity: filters.severity },
        { signal },
      ),
    enabled,
  });
}

/** The rule catalogue, for the rule filter. */
export function useRuleCatalogue() {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: ({ signal }) => api.get<RuleCatalogueEntry[]>('/api/alerts/rules', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}
