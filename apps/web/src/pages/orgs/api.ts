import type {
  archiveOrgBody,
  CreateAppointmentBody,
  CreateOrgBody,
  CreateTermBody,
  moveOrgBody,
  OrgDetail,
  OrgListItem,
  PersonOption,
  UpdateOrgBody,
  UpdateTermBody,
  updateDualLeaderBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';

export type MoveOrgBody = z.infer<typeof moveOrgBody>;
export type ArchiveOrgBody = z.infer<typeof archiveOrgBody>;
export type UpdateDualLeaderBody = z.infer<typeof updateDualLeaderBody>;

export const orgKeys = {
  all: ['orgs'] as const,
  lists: ['orgs', 'list'] as const,
  list: (includeArchived: boolean) => ['orgs', 'list', { includeArchived }] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
};

export const peopleKeys = {
  all: ['people'] as const,
  search: (params: PeopleSearch) => ['people', params] as const,
};

/** The flat org list within the user's scope; the tree is built client-side. */
export function useOrgList(includeArchived = false) {
  return useQuery({
    queryKey: orgKeys.list(includeArchived),
    queryFn: ({ signal }) =>
      api.get<OrgListItem[]>(
        '/api/orgs',
        { includeArchived: includeArchived ? 'true' : 'false' },
        { signal },
      ),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** One org with its path, terms, appointments and the abilities the server grants on it. */
export function useOrgDetail(id: number | null) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<OrgDetail>(`/api/orgs/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** Search parameters of the person picker. */
export interface PeopleSearch {
  q?: string | undefined;
  orgId?: number | undefined;
  limit?: number | undefined;
}

/** People for pickers (`GET /api/people`), scoped by the server. */
export function usePeopleSearch(params: PeopleSearch, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.search(params),
    queryFn: ({ signal }) =>
      api.get<PersonOption[]>(
        '/api/people',
        { q: params.q, orgId: params.orgId, limit: params.limit ?? 20 },
        { signal },
      ),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * Every mutation answering an OrgDetail: store the fresh detail and refresh what depends on it
 * (tree counts, alerts, dashboard).
 */
function useOrgMutation<TVars>(mutationFn: (vars: TVars) => Promise<OrgDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(orgKeys.detail(detail.id), detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.lists }),
        queryClient.invalidateQueries({ queryKey: alertKeys.all }),
        queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
      ]);
    },
  });
}

export function useCreateOrg() {
  return useOrgMutation((body: CreateOrgBody) => api.post<OrgDetail>('/api/orgs', body));
}

export function useUpdateOrg(id: number) {
  return useOrgMutation((body: UpdateOrgBody) => api.patch<OrgDetail>(`/api/orgs/${id}`, body));
}

export function useMoveOrg(id: number) {
  return useOrgMutation((body: MoveOrgBody) => api.post<OrgDetail>(`/api/orgs/${id}/move`, body));
}

export function useArchiveOrg(id: number) {
  return useOrgMutation((body: ArchiveOrgBody) => api.post<OrgDetail>(`/api/orgs/${id}/archive`, body));
}

export function useRestoreOrg(id: number) {
  return useOrgMutation((body: { version: number }) => api.post<OrgDetail>(`/api/orgs/${id}/restore`, body));
}

/** Records a new term (换届): the previous current term ends the day before its start. */
export function useCreateTerm(orgId: number) {
  return useOrgMutation((body: CreateTermBody) => api.post<OrgDetail>(`/api/orgs/${orgId}/terms`, body));
}

export function useUpdateTerm() {
  return useOrgMutation(({ termId, body }: { termId: number; body: UpdateTermBody }) =>
    api.patch<OrgDetail>(`/api/terms/${termId}`, body),
  );
}

export function useCreateAppointment(orgId: number) {
  return useOrgMutation((body: CreateAppointmentBody) =>
    api.post<OrgDetail>(`/api/orgs/${orgId}/appointments`, body),
  );
}

export function useEndAppointment() {
  return useOrgMutation(({ appointmentId, endDate }: { appointmentId: number; endDate: string }) =>
    api.post<OrgDetail>(`/api/appointments/${appointmentId}/end`, { endDate }),
  );
}

/** Marks a person as (not) a 双带头人; refreshes the org whose team shows them. */
export function useSetDualLeader(orgId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: number; body: UpdateDualLeaderBody }) =>
      api.patch<PersonOption>(`/api/people/${personId}/dual-leader`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.detail(orgId) }),
        queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
        queryClient.invalidateQueries({ queryKey: alertKeys.all }),
        queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
      ]),
  });
}
