import type {
  CreateInspectionBody,
  InspectionDetail,
  InspectionFeedbackBody,
  InspectionKind,
  InspectionLookbackBody,
  inspectionPage,
  UpdateInspectionBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';
import { rectificationKeys } from '../rectification/api';

/** One page of rounds (`GET /api/inspections`). */
export type InspectionPage = z.infer<typeof inspectionPage>;

/** Filters and paging of the 巡察整改 list, kept in the URL. */
export interface InspectionListParams {
  kind?: InspectionKind | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const inspectionKeys = {
  all: ['inspections'] as const,
  lists: ['inspections', 'list'] as const,
  list: (params: InspectionListParams) => ['inspections', 'list', params] as const,
  detail: (id: number) => ['inspections', 'detail', id] as const,
};

/** The rounds with a unit in the user's scope, the latest first. */
export function useInspectionList(params: InspectionListParams) {
  return useQuery({
    queryKey: inspectionKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<InspectionPage>(
        '/api/inspections',
        { kind: params.kind, q: params.q, page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One round with the units the user may see, their items, reports and 回头看. */
export function useInspectionDetail(id: number | null) {
  return useQuery({
    queryKey: inspectionKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<InspectionDetail>(`/api/inspections/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/**
 * A change answers the round's new detail: it replaces the cached one; lists, the rectification items (a feedback
 * opens them, a 回头看 reopens them), 待办 and the home page are read again.
 */
function useRoundMutation<TVars>(mutationFn: (vars: TVars) => Promise<InspectionDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(inspectionKeys.detail(detail.id), detail);
      await Promise.all(
        [inspectionKeys.lists, rectificationKeys.all, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 登记巡察轮次 (the 巡察办). */
export function useCreateInspection() {
  return useRoundMutation((body: CreateInspectionBody) =>
    api.post<InspectionDetail>('/api/inspections', body),
  );
}

/** Corrects the round (the 巡察办). */
export function useUpdateInspection(id: number) {
  return useRoundMutation((body: UpdateInspectionBody) =>
    api.patch<InspectionDetail>(`/api/inspections/${id}`, body),
  );
}

const unitUrl = (id: number, orgId: number, step: string) => `/api/inspections/${id}/units/${orgId}/${step}`;

/** 录入巡察反馈: the feedback's day and problems (each becomes a rectification item). */
export function useRecordFeedback(id: number, orgId: number) {
  return useRoundMutation((body: InspectionFeedbackBody) =>
    api.post<InspectionDetail>(unitUrl(id, orgId, 'feedback'), body),
  );
}

/** 提交整改报告 (the unit's secretary; the figures are counted by the server). */
export function useSubmitReport(id: number, orgId: number) {
  return useRoundMutation((report: string) =>
    api.post<InspectionDetail>(unitUrl(id, orgId, 'report'), { report }),
  );
}

/** 退回整改报告 (the 巡察办). */
export function useReturnReport(id: number, orgId: number) {
  return useRoundMutation((reason: string) =>
    api.post<InspectionDetail>(unitUrl(id, orgId, 'return'), { reason }),
  );
}

/** 记录回头看 (the 巡察办): a verdict on every closed item. */
export function useRecordLookback(id: number, orgId: number) {
  return useRoundMutation((body: InspectionLookbackBody) =>
    api.post<InspectionDetail>(unitUrl(id, orgId, 'lookback'), body),
  );
}

/** Download address of the round's 巡察整改台账. */
export const ledgerUrl = (id: number) => buildUrl(`/api/inspections/${id}/ledger.xlsx`);

/** The web page of a round, opened at a unit. */
export const inspectionPath = (id: number, orgId?: number) =>
  orgId === undefined ? `/inspections/${id}` : `/inspections/${id}?unit=${orgId}`;
