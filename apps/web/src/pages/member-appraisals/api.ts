import type {
  AppraisalStatus,
  MemberAppraisalDetail,
  MemberAppraisalTransitionBody,
  MyAppraisal,
  memberAppraisalPage,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

/** One page of appraisals (`GET /api/member-appraisals`). */
export type MemberAppraisalPage = z.infer<typeof memberAppraisalPage>;

/** Filters and paging of the list, kept in the URL. */
export interface AppraisalListParams {
  orgId?: number | undefined;
  year?: number | undefined;
  status?: AppraisalStatus | undefined;
  page: number;
  pageSize: number;
}

export const appraisalKeys = {
  all: ['member-appraisals'] as const,
  lists: ['member-appraisals', 'list'] as const,
  list: (p: AppraisalListParams) => ['member-appraisals', 'list', p] as const,
  detail: (id: number) => ['member-appraisals', 'detail', id] as const,
  mine: ['member-appraisals', 'mine'] as const,
};

/** The appraisals of the branches in the user's scope, newest year first. */
export function useAppraisalList(params: AppraisalListParams) {
  return useQuery({
    queryKey: appraisalKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<MemberAppraisalPage>(
        '/api/member-appraisals',
        {
          orgId: params.orgId,
          year: params.year,
          status: params.status,
          page: params.page,
          pageSize: params.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One appraisal: roll, 自评, 互评, tally, grades, plans and what the user may do. */
export function useAppraisalDetail(id: number) {
  return useQuery({
    queryKey: appraisalKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<MemberAppraisalDetail>(`/api/member-appraisals/${id}`, undefined, { signal }),
  });
}

/** A change answers the appraisal's new detail: it replaces the cached one; lists, 待办 and the home page reload. */
function useAppraisalMutation<TVars>(mutationFn: (vars: TVars) => Promise<MemberAppraisalDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(appraisalKeys.detail(detail.id), detail);
      await Promise.all(
        [appraisalKeys.lists, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 启动: a branch, a year, with or without 党员互评. */
export function useCreateAppraisal() {
  return useAppraisalMutation((body: { orgId: number; year: number; peerReview: boolean }) =>
    api.post<MemberAppraisalDetail>('/api/member-appraisals', body),
  );
}

/** One step of the procedure. */
export function useAppraisalTransition(id: number) {
  return useAppraisalMutation((body: MemberAppraisalTransitionBody) =>
    api.post<MemberAppraisalDetail>(`/api/member-appraisals/${id}/transitions`, body),
  );
}

/** A progress note of a 限期改正 plan. */
export function usePlanNote() {
  return useAppraisalMutation(({ planId, note }: { planId: number; note: string }) =>
    api.post<MemberAppraisalDetail>(`/api/member-appraisal-plans/${planId}/notes`, { note }),
  );
}

/** The conclusion of a 限期改正 plan. */
export function usePlanOutcome() {
  return useAppraisalMutation(
    ({
      planId,
      ...body
    }: {
      planId: number;
      outcome: 'corrected' | 'unchanged';
      note: string;
      proposal: string | null;
    }) => api.post<MemberAppraisalDetail>(`/api/member-appraisal-plans/${planId}/outcome`, body),
  );
}

/** 我的自评: the appraisals the user is on the roll of. */
export function useMyAppraisals() {
  return useQuery({
    queryKey: appraisalKeys.mine,
    queryFn: ({ signal }) =>
      api.get<{ items: MyAppraisal[] }>('/api/me/member-appraisals', undefined, { signal }),
  });
}

function useMineMutation<TVars>(mutationFn: (vars: TVars) => Promise<{ items: MyAppraisal[] }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (mine) => {
      queryClient.setQueryData(appraisalKeys.mine, mine);
      await queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

/** Writes (or rewrites) the user's 个人自评. */
export function useWriteSelfAssessment() {
  return useMineMutation(({ id, text }: { id: number; text: string }) =>
    api.put<{ items: MyAppraisal[] }>(`/api/me/member-appraisals/${id}/self-assessment`, { text }),
  );
}

/** A 互评 comment about another member. */
export function useAddPeerComment() {
  return useMineMutation(
    ({ id, aboutPersonId, comment }: { id: number; aboutPersonId: number; comment: string }) =>
      api.post<{ items: MyAppraisal[] }>(`/api/me/member-appraisals/${id}/peer-comments`, {
        aboutPersonId,
        comment,
      }),
  );
}

export const registerUrl = (id: number) => buildUrl(`/api/member-appraisals/${id}/register.docx`);
export const summaryUrl = (id: number) => buildUrl(`/api/member-appraisals/${id}/summary.xlsx`);
export const appraisalPath = (id: number) => `/member-appraisals/${id}`;
