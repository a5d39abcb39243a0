import type {
  AppointmentSettingsBody,
  AppointmentStatus,
  CadreAppointmentDetail,
  CadrePostLevel,
  cadreAppointmentPage,
  cadreAppointmentStepBody,
  createCadreAppointmentBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

export type CadreAppointmentPage = z.infer<typeof cadreAppointmentPage>;
export type CreateCadreAppointmentBody = z.input<typeof createCadreAppointmentBody>;
export type CadreAppointmentStepBody = z.input<typeof cadreAppointmentStepBody>;

/** Filters and paging of the 选拔任用 list, kept in the URL. */
export interface CadreAppointmentListParams {
  status?: AppointmentStatus | undefined;
  level?: CadrePostLevel | undefined;
  due?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const cadreAppointmentKeys = {
  all: ['cadre-appointments'] as const,
  lists: ['cadre-appointments', 'list'] as const,
  list: (p: CadreAppointmentListParams) => ['cadre-appointments', 'list', p] as const,
  detail: (id: number) => ['cadre-appointments', 'detail', id] as const,
  settings: ['cadre-appointments', 'settings'] as const,
};

export function useCadreAppointmentList(p: CadreAppointmentListParams) {
  return useQuery({
    queryKey: cadreAppointmentKeys.list(p),
    queryFn: ({ signal }) =>
      api.get<CadreAppointmentPage>(
        '/api/cadre-appointments',
        {
          status: p.status,
          level: p.level,
          due: p.due ? 'true' : undefined,
          q: p.q,
          page: p.page,
          pageSize: p.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCadreAppointmentDetail(id: number | null) {
  return useQuery({
    queryKey: cadreAppointmentKeys.detail(id ?? 0),
    queryFn: ({ signal }) =>
      api.get<CadreAppointmentDetail>(`/api/cadre-appointments/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** A write answers the new detail: it replaces the cached one; lists, 待办 and the home page are read again. */
function useAppointmentMutation<TVars>(mutationFn: (vars: TVars) => Promise<CadreAppointmentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(cadreAppointmentKeys.detail(detail.id), detail);
      await Promise.all(
        [cadreAppointmentKeys.lists, inboxKeys.all, dashboardKeys.all, ['cadres']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 动议. */
export function useCreateCadreAppointment() {
  return useAppointmentMutation((body: CreateCadreAppointmentBody) =>
    api.post<CadreAppointmentDetail>('/api/cadre-appointments', body),
  );
}

/** One step with its facts. */
export function useCadreAppointmentStep(id: number) {
  return useAppointmentMutation((body: CadreAppointmentStepBody) =>
    api.post<CadreAppointmentDetail>(`/api/cadre-appointments/${id}/steps`, body),
  );
}

export function useAppointmentSettings() {
  return useQuery({
    queryKey: cadreAppointmentKeys.settings,
    queryFn: ({ signal }) =>
      api.get<AppointmentSettingsBody>('/api/settings/cadre-appointments', undefined, { signal }),
  });
}

export function useSaveAppointmentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AppointmentSettingsBody) =>
      api.put<AppointmentSettingsBody>('/api/settings/cadre-appointments', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(cadreAppointmentKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: cadreAppointmentKeys.all });
    },
  });
}

export const cadreAppointmentPath = (id: number) => `/cadre-appointments/${id}`;
/** The 干部名册's page of a cadre (built by the roster's pages). */
export const cadrePath = (id: number) => `/cadres/${id}`;
