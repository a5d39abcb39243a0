import type {
  AlertDetail,
  AlertList,
  AlertStateFilter,
  RuleId,
  RuleKind,
  ruleCatalogueResponse,
  Severity,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';

/** One rule of the catalogue (`GET /api/alerts/rules`). */
export type RuleCatalogueEntry = z.infer<typeof ruleCatalogueResponse>[number];

/** One stored finding, as listed by `GET /api/alerts`. */
export type AlertItem = AlertList['items'][number];

/** Filters of the alert list (the export takes the same); all optional. */
export interface AlertFilters {
  orgId?: number | undefined;
  /** With orgId: that org's own findings, not those of the orgs below it (党委本级). */
  orgOnly?: boolean | undefined;
  ruleId?: RuleId | undefined;
  severity?: Severity | undefined;
  kind?: RuleKind | undefined;
  q?: string | undefined;
  /** Which states; the server lists 待处理 and 已确认 (active) when absent. */
  state?: AlertStateFilter | undefined;
  /** First found within these days ('YYYY-MM-DD', Asia/Shanghai). */
  appearedFrom?: string | undefined;
  appearedTo?: string | undefined;
  /** Assigned to this person. */
  assigneeId?: number | undefined;
}

/** Filters and the page. */
export interface AlertListParams extends AlertFilters {
  page: number;
  pageSize: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  lists: ['alerts', 'list'] as const,
  list: (params: AlertListParams) => ['alerts', 'list', params] as const,
  detail: (key: string) => ['alerts', 'detail', key] as const,
  rules: ['alerts', 'rules'] as const,
};

const filterQuery = (f: AlertFilters) => ({
  orgId: f.orgId,
  orgOnly: f.orgId && f.orgOnly ? true : undefined,
  ruleId: f.ruleId,
  severity: f.severity,
  kind: f.kind,
  q: f.q,
  state: f.state,
  appearedFrom: f.appearedFrom,
  appearedTo: f.appearedTo,
  assigneeId: f.assigneeId,
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

const alertUrl = (key: string) => `/api/alerts/${encodeURIComponent(key)}`;

/** One finding with its history and what the user may do with it (`GET /api/alerts/{key}`). */
export function useAlertDetail(key: string | null) {
  return useQuery({
    queryKey: alertKeys.detail(key ?? ''),
    queryFn: ({ signal }) => api.get<AlertDetail>(alertUrl(key ?? ''), undefined, { signal }),
    enabled: key !== null,
  });
}

/** Handling a finding answers its new detail; the lists and the home page counts are refreshed. */
function useAlertMutation<TVars>(key: string, mutationFn: (vars: TVars) => Promise<AlertDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(alertKeys.detail(key), detail);
      await Promise.all(
        [alertKeys.lists, dashboardKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

/** 确认: the branch has seen the finding and says what it is doing about it. */
export function useAcknowledgeAlert(key: string) {
  return useAlertMutation(key, (body: { comment: string }) =>
    api.post<AlertDetail>(`${alertUrl(key)}/acknowledge`, body),
  );
}

/** 指派 a person in scope as responsible (or `personId: null` to withdraw the assignment). */
export function useAssignAlert(key: string) {
  return useAlertMutation(key, (body: { personId: number | null; comment?: string }) =>
    api.post<AlertDetail>(`${alertUrl(key)}/assign`, body),
  );
}
