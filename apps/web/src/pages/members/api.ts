import {
  type Correction,
  type CreateCorrectionBody,
  type CreateMemberBody,
  type correctionStatuses,
  type decideCorrectionBody,
  type leaveMemberBody,
  type MemberColumnKey,
  type MemberDetail,
  type MemberEvent,
  type MemberImportListItem,
  type MemberImportMode,
  type MemberImportReport,
  type MemberPage,
  type MemberStats,
  type MyMemberRecord,
  memberImportReport,
  memberListQuery,
  type OrgDetail,
  type Page,
  type UpdateMemberBody,
} from '@dangjian/core';
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, buildUrl, type QueryParams } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { orgKeys } from '../orgs/api';

/** Filters, sort and paging of the roster, as the API reads them (the URL holds the same). */
export type MemberListParams = z.output<typeof memberListQuery>;
export type LeaveMemberBody = z.input<typeof leaveMemberBody>;
export type DecideCorrectionBody = z.input<typeof decideCorrectionBody>;
export type CorrectionStatus = (typeof correctionStatuses)[number];

/** The roster's first page with the default filters. */
export const defaultMemberListParams: MemberListParams = memberListQuery.parse({});

/** Reads roster parameters from a query string; anything invalid falls back to the defaults. */
export function parseMemberListParams(search: URLSearchParams): MemberListParams {
  const parsed = memberListQuery.safeParse(Object.fromEntries(search));
  return parsed.success ? parsed.data : defaultMemberListParams;
}

/** Roster parameters → query-string values, leaving out the defaults so URLs stay short. */
export function memberListQueryParams(params: Partial<MemberListParams>): QueryParams {
  const query: QueryParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (defaultMemberListParams[key as keyof MemberListParams] === value) continue;
    query[key] = typeof value === 'boolean' ? String(value) : (value as string | number);
  }
  return query;
}

export const memberKeys = {
  all: ['members'] as const,
  lists: ['members', 'list'] as const,
  list: (params: MemberListParams) => ['members', 'list', params] as const,
  details: (id: number) => ['members', 'detail', id] as const,
  detail: (id: number, unmasked: boolean) => ['members', 'detail', id, unmasked] as const,
  timeline: (id: number) => ['members', 'timeline', id] as const,
  stats: (orgId: number | null) => ['members', 'stats', orgId] as const,
  imports: ['members', 'imports'] as const,
  corrections: ['member-corrections'] as const,
  correctionList: (params: CorrectionListParams) => ['member-corrections', params] as const,
  mine: ['me', 'member'] as const,
};

/** One page of the roster. */
export function useMemberList(params: MemberListParams) {
  return useQuery({
    queryKey: memberKeys.list(params),
    queryFn: ({ signal }) => api.get<MemberPage>('/api/members', memberListQueryParams(params), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One member's record; `unmasked` asks for the full ID number and phone (audited by the server). */
export function useMemberDetail(id: number, unmasked: boolean) {
  return useQuery({
    queryKey: memberKeys.detail(id, unmasked),
    queryFn: ({ signal }) =>
      api.get<MemberDetail>(`/api/members/${id}`, { unmasked: unmasked ? 'true' : 'false' }, { signal }),
    placeholderData: keepPreviousData,
    // Every unmasked read is an audited view: never refetch one behind the user's back.
    ...(unmasked ? { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } : {}),
  });
}

/** Everything that happened to a member, newest first as the server sends it. */
export function useMemberTimeline(id: number, enabled = true) {
  return useQuery({
    queryKey: memberKeys.timeline(id),
    queryFn: ({ signal }) => api.get<MemberEvent[]>(`/api/members/${id}/timeline`, undefined, { signal }),
    enabled,
  });
}

/** Counts of the user's scope, or of one org in it (drill-down). */
export function useMemberStats(orgId: number | null) {
  return useQuery({
    queryKey: memberKeys.stats(orgId),
    queryFn: ({ signal }) =>
      api.get<MemberStats>('/api/members/stats', { orgId: orgId ?? undefined }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Refreshes what a change to members shows up in, without re-reading any unmasked record. */
async function refreshAfterMemberChange(queryClient: QueryClient, id?: number) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: memberKeys.lists }),
    queryClient.invalidateQueries({ queryKey: ['members', 'stats'] }),
    ...(id === undefined
      ? []
      : [
          queryClient.invalidateQueries({ queryKey: memberKeys.timeline(id) }),
          queryClient.invalidateQueries({ queryKey: memberKeys.detail(id, false) }),
          queryClient.invalidateQueries({ queryKey: memberKeys.detail(id, true), refetchType: 'none' }),
        ]),
    queryClient.invalidateQueries({ queryKey: orgKeys.all }),
    queryClient.invalidateQueries({ queryKey: alertKeys.all }),
    queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
  ]);
}

/** Mutations answering a MemberDetail: keep the answer, refresh the rest. */
function useMemberMutation<TVars>(mutationFn: (vars: TVars) => Promise<MemberDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(memberKeys.detail(detail.id, !detail.masked), detail);
      await refreshAfterMemberChange(queryClient, detail.id);
    },
  });
}

export function useCreateMember() {
  return useMemberMutation((body: CreateMemberBody) => api.post<MemberDetail>('/api/members', body));
}

export function useUpdateMember(id: number) {
  return useMemberMutation((body: UpdateMemberBody) => api.patch<MemberDetail>(`/api/members/${id}`, body));
}

/** Takes a member off the active roster (死亡, 出党, 自行脱党, 停止党籍). */
export function useLeaveMember(id: number) {
  return useMemberMutation((body: LeaveMemberBody) =>
    api.post<MemberDetail>(`/api/members/${id}/leave`, body),
  );
}

/** Ends one of the member's posts through the org endpoint; refreshes the member and the org. */
export function useEndMemberPost(personId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ appointmentId, endDate }: { appointmentId: number; endDate: string }) =>
      api.post<OrgDetail>(`/api/appointments/${appointmentId}/end`, { endDate }),
    onSuccess: async (org) => {
      queryClient.setQueryData(orgKeys.detail(org.id), org);
      await Promise.all([
        refreshAfterMemberChange(queryClient, personId),
        // The post list lives in the detail: re-read the unmasked one too only if it is on screen.
        queryClient.invalidateQueries({ queryKey: memberKeys.details(personId) }),
      ]);
    },
  });
}

/** Links of the roster's downloads (the session cookie is enough for a same-origin GET). */
export const memberDownloads = {
  /** The current filtered list as xlsx, with the columns the user sees, in order. */
  exportUrl: (params: MemberListParams, columns: readonly MemberColumnKey[]) => {
    const { page: _page, pageSize: _pageSize, ...filters } = params;
    return buildUrl('/api/members/export', {
      ...memberListQueryParams(filters),
      columns: columns.join(','),
    });
  },
  /** Printable roster (Word) of one branch. */
  rosterUrl: (orgId: number) => buildUrl('/api/members/roster.docx', { orgId }),
  templateUrl: '/api/members/import/template',
};

/** Filters and paging of the correction review list. */
export interface CorrectionListParams {
  status?: CorrectionStatus | undefined;
  page: number;
  pageSize: number;
  /** Ask for the full ID numbers and phones in the changes (audited by the server). */
  unmasked?: boolean;
}

/** Correction requests the reviewer may see (their scope). */
export function useCorrectionList(params: CorrectionListParams) {
  return useQuery({
    queryKey: memberKeys.correctionList(params),
    queryFn: ({ signal }) =>
      api.get<Page<Correction>>(
        '/api/member-corrections',
        {
          status: params.status,
          page: params.page,
          pageSize: params.pageSize,
          unmasked: params.unmasked ? 'true' : undefined,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
    // Every unmasked read is an audited view: never refetch one behind the user's back.
    ...(params.unmasked ? { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } : {}),
  });
}

/** Approves (applies the changes) or rejects a correction request. */
export function useDecideCorrection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: DecideCorrectionBody }) =>
      api.post<Correction>(`/api/member-corrections/${id}/decision`, body),
    onSuccess: (correction) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.corrections }),
        refreshAfterMemberChange(queryClient, correction.personId),
      ]),
  });
}

/** The signed-in member's own record and correction requests. */
export function useMyMemberRecord() {
  return useQuery({
    queryKey: memberKeys.mine,
    queryFn: ({ signal }) => api.get<MyMemberRecord>('/api/me/member', undefined, { signal }),
  });
}

function useMyCorrectionMutation<TVars>(mutationFn: (vars: TVars) => Promise<Correction>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.mine }),
  });
}

export function useCreateCorrection() {
  return useMyCorrectionMutation((body: CreateCorrectionBody) =>
    api.post<Correction>('/api/me/member/corrections', body),
  );
}

export function useWithdrawCorrection() {
  return useMyCorrectionMutation((id: number) =>
    api.post<Correction>(`/api/me/member/corrections/${id}/withdraw`, {}),
  );
}

/** Where an upload is: sending the file (with its share sent), or waiting for the server's check. */
export type UploadProgress = { phase: 'uploading'; percent: number } | { phase: 'processing' };

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UploadOptions {
  file: File;
  mode: MemberImportMode;
  /** The session's CSRF token (the `me` answer), required on every unsafe request. */
  csrfToken: string;
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** The report an error carries: a commit refused because of problems answers 422 with it. */
export function reportOfError(error: unknown): MemberImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const parsed = memberImportReport.safeParse(error.details?.report);
  return parsed.success ? parsed.data : null;
}

/** Sends a roster file as the raw request body, with upload progress, and answers the server's report. */
export function uploadMemberImport({ file, mode, csrfToken, onProgress, signal }: UploadOptions) {
  return uploadRaw({
    path: '/api/members/import',
    query: { mode, fileName: file.name },
    file,
    contentType: xlsxMime,
    csrfToken,
    response: memberImportReport,
    onProgress: (percent) => onProgress({ phase: 'uploading', percent }),
    onSent: () => onProgress({ phase: 'processing' }),
    signal,
  });
}

/** Checks (dry run) or imports (commit) a file; a commit refreshes the roster and the history. */
export function useMemberImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadMemberImport,
    onSuccess: async (report) => {
      if (report.committed)
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: memberKeys.imports }),
          refreshAfterMemberChange(queryClient),
        ]);
    },
  });
}

/** Earlier imports, newest first. */
export function useImportHistory(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...memberKeys.imports, page, pageSize],
    queryFn: ({ signal }) =>
      api.get<Page<MemberImportListItem>>('/api/members/imports', { page, pageSize }, { signal }),
    placeholderData: keepPreviousData,
  });
}
