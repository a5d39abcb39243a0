import {
  type CreateRectificationBody,
  type RecruitmentStepPage,
  type RectificationBoard,
  type RectificationDetail,
  type RectificationEvidenceBody,
  type RectificationFromFindingBody,
  type RectificationSource,
  type RectificationStatus,
  type RectificationTransitionBody,
  rectificationDetail,
  type rectificationPage,
  type TransferPage,
  type UpdateRectificationBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

/** One page of items (`GET /api/rectifications`). */
export type RectificationPage = z.infer<typeof rectificationPage>;

/** Filters and paging of the 整改台账, kept in the URL. */
export interface RectificationListParams {
  orgId?: number | undefined;
  source?: RectificationSource | undefined;
  status?: RectificationStatus | undefined;
  /** Only items past their next due date while still being rectified. */
  overdue?: boolean | undefined;
  /** Only the items of other orgs that an org in scope assists (协办). */
  assisting?: boolean | undefined;
  responsiblePersonId?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const rectificationKeys = {
  all: ['rectifications'] as const,
  lists: ['rectifications', 'list'] as const,
  list: (params: RectificationListParams) => ['rectifications', 'list', params] as const,
  detail: (id: number) => ['rectifications', 'detail', id] as const,
};

/** The list's filters as query parameters, shared by the list and its 整改台账 download. */
function filterQuery(p: Omit<RectificationListParams, 'page' | 'pageSize'>) {
  return {
    orgId: p.orgId,
    source: p.source,
    status: p.status,
    overdue: p.overdue ? 'true' : undefined,
    assisting: p.assisting ? 'true' : undefined,
    responsiblePersonId: p.responsiblePersonId,
    q: p.q,
  };
}

/** One page of the items within the user's scope. */
export function useRectificationList(params: RectificationListParams) {
  return useQuery({
    queryKey: rectificationKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<RectificationPage>(
        '/api/rectifications',
        { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The items opened from one finding (the alert's page shows the open one, or offers to open one). */
export function useFindingRectifications(findingKey: string, enabled: boolean) {
  return useQuery({
    queryKey: [...rectificationKeys.lists, { findingKey }] as const,
    queryFn: ({ signal }) =>
      api.get<RectificationPage>('/api/rectifications', { findingKey, pageSize: 50 }, { signal }),
    enabled,
  });
}

/** One item with its evidence, milestones, timeline and what the user may do with it. */
export function useRectificationDetail(id: number | null) {
  return useQuery({
    queryKey: rectificationKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<RectificationDetail>(`/api/rectifications/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/**
 * A change answers the item's new detail: it replaces the cached one, and the lists, 待办, the home page and
 * the findings (whose history names the item) are read again.
 */
function useRectificationMutation<TVars>(mutationFn: (vars: TVars) => Promise<RectificationDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(rectificationKeys.detail(detail.id), detail);
      await Promise.all(
        [rectificationKeys.lists, inboxKeys.all, dashboardKeys.all, alertKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 登记整改事项 by hand (自查, 上级督查, a problem raised in a meeting …). */
export function useCreateRectification() {
  return useRectificationMutation((body: CreateRectificationBody) =>
    api.post<RectificationDetail>('/api/rectifications', body),
  );
}

/** 生成整改事项 from a finding of 监测预警 (org, problem and clause come from the finding). */
export function useCreateFromFinding(findingKey: string) {
  return useRectificationMutation((body: RectificationFromFindingBody) =>
    api.post<RectificationDetail>(`/api/alerts/${encodeURIComponent(findingKey)}/rectification`, body),
  );
}

const itemUrl = (id: number) => `/api/rectifications/${id}`;

/** Measures, result, 责任人, 协办, milestones (the org that rectifies) or problem, clause, deadline (the level above). */
export function useUpdateRectification(id: number) {
  return useRectificationMutation((body: UpdateRectificationBody) =>
    api.patch<RectificationDetail>(itemUrl(id), body),
  );
}

/** One step of the item's procedure (开始整改, 提交销号, 审核销号, 退回, 延期, 回头看). */
export function useRectificationTransition(id: number) {
  return useRectificationMutation((body: RectificationTransitionBody) =>
    api.post<RectificationDetail>(`${itemUrl(id)}/transitions`, body),
  );
}

/** Links a record of the platform as evidence. */
export function useAddEvidence(id: number) {
  return useRectificationMutation((body: RectificationEvidenceBody) =>
    api.post<RectificationDetail>(`${itemUrl(id)}/evidence`, body),
  );
}

/** Uploads a file as evidence, with the note saying why no record proves it. */
export function useUploadEvidenceFile(id: number) {
  return useRectificationMutation(
    ({ file, note, csrfToken }: { file: File; note: string; csrfToken: string }) =>
      uploadRaw({
        path: `${itemUrl(id)}/evidence/file`,
        query: { fileName: file.name, note },
        file,
        contentType: file.type || 'application/octet-stream',
        csrfToken,
        response: rectificationDetail,
      }),
  );
}

/** Removes a piece of evidence (before the item is submitted). */
export function useRemoveEvidence(id: number) {
  return useRectificationMutation((evidenceId: number) =>
    api.delete<RectificationDetail>(`${itemUrl(id)}/evidence/${evidenceId}`),
  );
}

/** A progress note on the timeline. */
export function useAddProgress(id: number) {
  return useRectificationMutation((note: string) =>
    api.post<RectificationDetail>(`${itemUrl(id)}/progress`, { note }),
  );
}

/** Download address of an evidence file (the session cookie is enough for a same-origin GET). */
/** The board: items per 党总支/直属支部, per source and in all, by status (`GET /api/rectifications/board`). */
export function useRectificationBoard() {
  return useQuery({
    queryKey: [...rectificationKeys.all, 'board'] as const,
    queryFn: ({ signal }) => api.get<RectificationBoard>('/api/rectifications/board', undefined, { signal }),
  });
}

/** The 整改台账 (xlsx) of the items the list's filters select. */
export const ledgerUrl = (p: Omit<RectificationListParams, 'page' | 'pageSize'>) =>
  buildUrl('/api/rectifications/ledger.xlsx', filterQuery(p));

export function evidenceFileUrl(id: number, evidenceId: number): string {
  return buildUrl(`${itemUrl(id)}/evidence/${evidenceId}/file`);
}

/** The web page of an item. */
export const rectificationPath = (id: number) => `/rectifications/${id}`;

/** An org's completed transfers, as records that may prove an item rectified. */
export function useCompletedTransfers(orgId: number, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['transfers', 'list', { orgId, status: 'completed', page }] as const,
    queryFn: ({ signal }) =>
      api.get<TransferPage>(
        '/api/transfers',
        { orgId, status: 'completed', page, pageSize: evidencePageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The steps recorded on the dossiers (发展党员) of an org's branches, the latest first, as records that may prove it. */
export function useRecordedSteps(orgId: number, q: string, page: number) {
  return useQuery({
    queryKey: ['recruitment', 'steps', { orgId, q, page }] as const,
    queryFn: ({ signal }) =>
      api.get<RecruitmentStepPage>(
        '/api/recruitment/steps',
        { orgId, q: q || undefined, page, pageSize: evidencePageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Candidates the evidence picker shows per page. */
export const evidencePageSize = 8;
