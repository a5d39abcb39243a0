import type {
  CadreConsequenceBody,
  CadreReviewDetail,
  CadreReviewGradeBody,
  CadreReviewHistory,
  CadreReviewStatus,
  CadreReviewStepBody,
  CreateCadreReviewBody,
  cadreReviewPage,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

export type CadreReviewPage = z.infer<typeof cadreReviewPage>;

/** Filters and paging of the 年度考核 list, kept in the URL. */
export interface CadreReviewListParams {
  year?: number | undefined;
  status?: CadreReviewStatus | undefined;
  page: number;
  pageSize: number;
}

export const cadreReviewKeys = {
  all: ['cadre-reviews'] as const,
  lists: ['cadre-reviews', 'list'] as const,
  list: (p: CadreReviewListParams) => ['cadre-reviews', 'list', p] as const,
  detail: (id: number) => ['cadre-reviews', 'detail', id] as const,
  history: (cadreId: number) => ['cadre-reviews', 'history', cadreId] as const,
};

export function useCadreReviewList(p: CadreReviewListParams) {
  return useQuery({
    queryKey: cadreReviewKeys.list(p),
    queryFn: ({ signal }) =>
      api.get<CadreReviewPage>(
        '/api/cadre-reviews',
        { year: p.year, status: p.status, page: p.page, pageSize: p.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCadreReviewDetail(id: number | null) {
  return useQuery({
    queryKey: cadreReviewKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<CadreReviewDetail>(`/api/cadre-reviews/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** A cadre's rounds and consequences (opened from a row). */
export function useCadreReviewHistory(cadreId: number | null) {
  return useQuery({
    queryKey: cadreReviewKeys.history(cadreId ?? 0),
    queryFn: ({ signal }) =>
      api.get<CadreReviewHistory>(`/api/cadre-reviews/cadres/${cadreId}/history`, undefined, { signal }),
    enabled: cadreId !== null,
  });
}

function useReviewMutation<TVars>(fn: (vars: TVars) => Promise<CadreReviewDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(cadreReviewKeys.detail(detail.id), detail);
      await Promise.all(
        [cadreReviewKeys.lists, ['cadre-reviews', 'history'], inboxKeys.all, dashboardKeys.all].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

const url = (id: number) => `/api/cadre-reviews/${id}`;
const subjectUrl = (id: number, subjectId: number) => `${url(id)}/subjects/${subjectId}`;

export function useCreateCadreReview() {
  return useReviewMutation((body: CreateCadreReviewBody) =>
    api.post<CadreReviewDetail>('/api/cadre-reviews', body),
  );
}

export function useCadreReviewStep(id: number) {
  return useReviewMutation((body: CadreReviewStepBody) =>
    api.post<CadreReviewDetail>(`${url(id)}/steps`, body),
  );
}

export function useSaveCadreReport(id: number) {
  return useReviewMutation((v: { subjectId: number; report: string }) =>
    api.put<CadreReviewDetail>(`${subjectUrl(id, v.subjectId)}/report`, { report: v.report }),
  );
}

export function useSetCadreGrade(id: number) {
  return useReviewMutation((v: { subjectId: number } & CadreReviewGradeBody) => {
    const { subjectId, ...body } = v;
    return api.put<CadreReviewDetail>(`${subjectUrl(id, subjectId)}/grade`, body);
  });
}

export function useRecordConsequence(id: number) {
  return useReviewMutation((v: { subjectId: number } & CadreConsequenceBody) => {
    const { subjectId, ...body } = v;
    return api.post<CadreReviewDetail>(`${subjectUrl(id, subjectId)}/consequences`, body);
  });
}

/** Download address of the 年度考核结果 (xlsx). */
export const cadreReviewResultsUrl = (id: number) => buildUrl(`${url(id)}/results.xlsx`);

export const cadreReviewPath = (id: number) => `/cadre-reviews/${id}`;
/** The cadre file (the roster's page). */
export const cadrePath = (cadreId: number) => `/cadres/${cadreId}`;
