import type {
  CreateReserveCandidateBody,
  CreateReservePlanItemBody,
  CreateReserveRotationBody,
  CreateReserveSecondmentBody,
  ReserveCandidateDetail,
  ReserveLevel,
  ReserveSettings,
  ReserveStatus,
  ReserveStepBody,
  reserveCandidatePage,
  UpdateReserveCandidateBody,
  UpdateReservePlanItemBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { inboxKeys } from '../inbox/api';

/** One page of the pool (`GET /api/cadre-reserve`). */
export type ReservePage = z.infer<typeof reserveCandidatePage>;

/** Filters and paging of the 后备干部库, kept in the URL. */
export interface ReserveListParams {
  status?: ReserveStatus | undefined;
  level?: ReserveLevel | undefined;
  overdue?: boolean | undefined;
  overAge?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const reserveKeys = {
  all: ['cadre-reserve'] as const,
  lists: ['cadre-reserve', 'list'] as const,
  list: (params: ReserveListParams) => ['cadre-reserve', 'list', params] as const,
  detail: (id: number) => ['cadre-reserve', 'detail', id] as const,
  settings: ['cadre-reserve', 'settings'] as const,
};

const filterQuery = (p: Omit<ReserveListParams, 'page' | 'pageSize'>) => ({
  status: p.status,
  level: p.level,
  overdue: p.overdue ? 'true' : undefined,
  overAge: p.overAge ? 'true' : undefined,
  q: p.q,
});

/** One page of the pool, filtered. */
export function useReserveList(params: ReserveListParams) {
  return useQuery({
    queryKey: reserveKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<ReservePage>(
        '/api/cadre-reserve',
        { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One candidate with plan, 挂职, 轮岗, steps, 学时 and abilities. */
export function useReserveDetail(id: number | null) {
  return useQuery({
    queryKey: reserveKeys.detail(id ?? 0),
    queryFn: ({ signal }) =>
      api.get<ReserveCandidateDetail>(`/api/cadre-reserve/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** A write answers the candidate's new detail: it replaces the cached one; lists and 待办 are read again. */
function useReserveMutation<TVars>(mutationFn: (vars: TVars) => Promise<ReserveCandidateDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(reserveKeys.detail(detail.id), detail);
      await Promise.all(
        [reserveKeys.lists, inboxKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

const url = (id: number) => `/api/cadre-reserve/${id}`;

/** 提名后备干部. */
export function useNominate() {
  return useReserveMutation((body: CreateReserveCandidateBody) =>
    api.post<ReserveCandidateDetail>('/api/cadre-reserve', body),
  );
}

export function useUpdateCandidate(id: number) {
  return useReserveMutation((body: UpdateReserveCandidateBody) =>
    api.patch<ReserveCandidateDetail>(url(id), body),
  );
}

/** 入库, 开始培养, 年度动态调整, 提任使用, 调出. */
export function useReserveStep(id: number) {
  return useReserveMutation((body: ReserveStepBody) =>
    api.post<ReserveCandidateDetail>(`${url(id)}/steps`, body),
  );
}

export function useAddPlanItem(id: number) {
  return useReserveMutation((body: CreateReservePlanItemBody) =>
    api.post<ReserveCandidateDetail>(`${url(id)}/plan-items`, body),
  );
}

export function useUpdatePlanItem(id: number) {
  return useReserveMutation(({ itemId, ...body }: UpdateReservePlanItemBody & { itemId: number }) =>
    api.patch<ReserveCandidateDetail>(`${url(id)}/plan-items/${itemId}`, body),
  );
}

export function useAddSecondment(id: number) {
  return useReserveMutation((body: CreateReserveSecondmentBody) =>
    api.post<ReserveCandidateDetail>(`${url(id)}/secondments`, body),
  );
}

export function useAddRotation(id: number) {
  return useReserveMutation((body: CreateReserveRotationBody) =>
    api.post<ReserveCandidateDetail>(`${url(id)}/rotations`, body),
  );
}

export function useReserveSettings() {
  return useQuery({
    queryKey: reserveKeys.settings,
    queryFn: ({ signal }) => api.get<ReserveSettings>('/api/cadre-reserve/settings', undefined, { signal }),
  });
}

/** Saves the settings; the age limits and review dates of every candidate may change. */
export function useSaveReserveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReserveSettings) => api.put<ReserveSettings>('/api/cadre-reserve/settings', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(reserveKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: reserveKeys.all });
    },
  });
}

/** Download address of the 后备干部名册 with the list's filters. */
export const rosterUrl = (p: Omit<ReserveListParams, 'page' | 'pageSize'>) =>
  buildUrl('/api/cadre-reserve/roster.xlsx', filterQuery(p));

/** The web page of a candidate. */
export const reservePath = (id: number) => `/cadre-reserve/${id}`;
