import type {
  CreateDutyReviewBody,
  DutyReviewDetail,
  DutyReviewEvidence,
  DutyReviewGradeBody,
  DutyReviewStatus,
  DutyReviewTransitionBody,
  dutyReviewPage,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

export type DutyReviewPage = z.infer<typeof dutyReviewPage>;

/** Filters and paging of the 述职评议 list, kept in the URL. */
export interface DutyReviewListParams {
  year?: number | undefined;
  status?: DutyReviewStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const dutyReviewKeys = {
  all: ['duty-reviews'] as const,
  lists: ['duty-reviews', 'list'] as const,
  list: (p: DutyReviewListParams) => ['duty-reviews', 'list', p] as const,
  detail: (id: number) => ['duty-reviews', 'detail', id] as const,
  evidence: (id: number, subjectId: number) => ['duty-reviews', 'evidence', id, subjectId] as const,
};

/** One page of the campaigns within the user's scope. */
export function useDutyReviewList(p: DutyReviewListParams) {
  return useQuery({
    queryKey: dutyReviewKeys.list(p),
    queryFn: ({ signal }) =>
      api.get<DutyReviewPage>(
        '/api/duty-reviews',
        { year: p.year, status: p.status, q: p.q, page: p.page, pageSize: p.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One campaign with its secretaries, 点评, tally and what the user may do. */
export function useDutyReviewDetail(id: number | null) {
  return useQuery({
    queryKey: dutyReviewKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<DutyReviewDetail>(`/api/duty-reviews/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** The evidence pack of one secretary's org (read from the records). */
export function useDutyReviewEvidence(id: number, subjectId: number, enabled: boolean) {
  return useQuery({
    queryKey: dutyReviewKeys.evidence(id, subjectId),
    queryFn: ({ signal }) =>
      api.get<DutyReviewEvidence>(`/api/duty-reviews/${id}/subjects/${subjectId}/evidence`, undefined, {
        signal,
      }),
    enabled,
    staleTime: 60_000,
  });
}

function useReviewMutation<TVars>(fn: (vars: TVars) => Promise<DutyReviewDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(dutyReviewKeys.detail(detail.id), detail);
      await Promise.all(
        [dutyReviewKeys.lists, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

const url = (id: number) => `/api/duty-reviews/${id}`;
const subjectUrl = (id: number, subjectId: number) => `${url(id)}/subjects/${subjectId}`;

export function useCreateDutyReview() {
  return useReviewMutation((body: CreateDutyReviewBody) =>
    api.post<DutyReviewDetail>('/api/duty-reviews', body),
  );
}

export function useDutyReviewTransition(id: number) {
  return useReviewMutation((body: DutyReviewTransitionBody) =>
    api.post<DutyReviewDetail>(`${url(id)}/transitions`, body),
  );
}

export function useSaveReport(id: number) {
  return useReviewMutation((v: { subjectId: number; report: string; submit: boolean }) =>
    api.put<DutyReviewDetail>(`${subjectUrl(id, v.subjectId)}/report`, {
      report: v.report,
      submit: v.submit,
    }),
  );
}

export function useAddQuestion(id: number) {
  return useReviewMutation((v: { subjectId: number; question: string; answer: string | null }) =>
    api.post<DutyReviewDetail>(`${subjectUrl(id, v.subjectId)}/questions`, {
      question: v.question,
      answer: v.answer,
    }),
  );
}

export function useAddComment(id: number) {
  return useReviewMutation((v: { subjectId: number; content: string }) =>
    api.post<DutyReviewDetail>(`${subjectUrl(id, v.subjectId)}/comments`, { content: v.content }),
  );
}

export function useSetGrade(id: number) {
  return useReviewMutation((v: { subjectId: number } & DutyReviewGradeBody) => {
    const { subjectId, ...body } = v;
    return api.put<DutyReviewDetail>(`${subjectUrl(id, subjectId)}/grade`, body);
  });
}

export function useOpenRectifications(id: number) {
  return useReviewMutation((deadline: string) =>
    api.post<DutyReviewDetail>(`${url(id)}/rectifications`, { deadline }),
  );
}

/** Download address of the 述职评议考核结果 (xlsx). */
export const resultsUrl = (id: number) => buildUrl(`${url(id)}/results.xlsx`);

export const dutyReviewPath = (id: number) => `/duty-reviews/${id}`;
