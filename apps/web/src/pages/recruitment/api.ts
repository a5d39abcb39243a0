import {
  type CreateRecruitmentBody,
  defaultRuleSettings,
  type MemberCategory,
  type RecruitmentDetail,
  type RecruitmentDocumentKind,
  type RecruitmentMaterial,
  type RecruitmentMilestone,
  type RecruitmentOutcome,
  type RecruitmentPage,
  type RecruitmentStage,
  type RecruitmentStep,
  type RecruitmentStepBody,
  type RecruitmentStepResult,
  type RecruitmentViolationOut,
  type RuleSettings,
  recruitmentDetail,
  recruitmentStages,
  recruitmentViolationOut,
  type updateRecruitmentBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { useCan } from '../../lib/access';
import { api, buildUrl, isApiError } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';

/** Filters and paging of the dossier list, kept in the URL. */
export interface RecruitmentListParams {
  orgId?: number | undefined;
  stage?: RecruitmentStage | undefined;
  step?: RecruitmentStep | undefined;
  outcome: RecruitmentOutcome | 'all';
  category?: MemberCategory | undefined;
  due?: 'overdue' | 'soon' | 'any' | undefined;
  q?: string | undefined;
  /** Dossiers that reached a milestone between two days (what a year's figure counts). */
  reached?: RecruitmentMilestone | undefined;
  reachedFrom?: string | undefined;
  reachedTo?: string | undefined;
  page: number;
  pageSize: number;
}

export type UpdateRecruitmentBody = z.input<typeof updateRecruitmentBody>;

export const recruitmentKeys = {
  all: ['recruitment'] as const,
  list: (params: RecruitmentListParams) => ['recruitment', 'list', params] as const,
  detail: (id: number) => ['recruitment', 'detail', id] as const,
};

function listQuery(params: RecruitmentListParams) {
  return {
    orgId: params.orgId,
    stage: params.stage,
    step: params.step,
    outcome: params.outcome,
    category: params.category,
    due: params.due,
    q: params.q,
    reached: params.reached,
    reachedFrom: params.reached ? params.reachedFrom : undefined,
    reachedTo: params.reached ? params.reachedTo : undefined,
  };
}

/** One page of dossiers within the user's scope. */
export function useRecruitmentList(params: RecruitmentListParams, enabled = true) {
  return useQuery({
    queryKey: recruitmentKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<RecruitmentPage>(
        '/api/recruitment',
        { ...listQuery(params), page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How many dossiers of the list's other filters are in each stage (one count-only request per stage). */
export function useStageCounts(params: RecruitmentListParams): Partial<Record<RecruitmentStage, number>> {
  const base = { ...listQuery(params), stage: undefined, step: undefined };
  const results = useQueries({
    queries: recruitmentStages.map((stage) => ({
      queryKey: ['recruitment', 'stage-count', base, stage] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<RecruitmentPage>('/api/recruitment', { ...base, stage, page: 1, pageSize: 1 }, { signal }),
    })),
  });
  const counts: Partial<Record<RecruitmentStage, number>> = {};
  recruitmentStages.forEach((stage, i) => {
    const total = results[i]?.data?.total;
    if (total !== undefined) counts[stage] = total;
  });
  return counts;
}

/**
 * One dossier: person, history, dues, documents, materials and the caller's abilities. `unmasked` asks
 * for the full ID number and phone (audited by the server).
 */
export function useRecruitmentDetail(id: number | null, unmasked = false) {
  return useQuery({
    queryKey: [...recruitmentKeys.detail(id ?? 0), unmasked] as const,
    queryFn: ({ signal }) =>
      api.get<RecruitmentDetail>(
        `/api/recruitment/${id}`,
        { unmasked: unmasked ? 'true' : 'false' },
        { signal },
      ),
    enabled: id !== null,
    // Every unmasked read is an audited view: never refetch one behind the user's back.
    ...(unmasked ? { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } : {}),
  });
}

/**
 * The 公示 length in working days: the school's setting when the user may read the settings, else the
 * default (the server counts the days itself; this only pre-fills the end date).
 */
export function usePublicNoticeDays(): number {
  const can = useCan();
  const settings = useQuery({
    queryKey: ['settings', 'rules'],
    queryFn: ({ signal }) => api.get<RuleSettings>('/api/settings/rules', undefined, { signal }),
    enabled: can('setting:rule:view'),
    retry: false,
    staleTime: 5 * 60_000,
  });
  return settings.data?.publicNoticeWorkingDays ?? defaultRuleSettings.publicNoticeWorkingDays;
}

/** A change to a dossier moves counts, reminders and the home page: refresh what shows them. */
function useRecruitmentMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(
        [recruitmentKeys.all, alertKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export function useCreateRecruitment() {
  return useRecruitmentMutation((body: CreateRecruitmentBody) =>
    api.post<RecruitmentDetail>('/api/recruitment', body),
  );
}

export function useUpdateRecruitment(id: number) {
  return useRecruitmentMutation((body: UpdateRecruitmentBody) =>
    api.patch<RecruitmentDetail>(`/api/recruitment/${id}`, body),
  );
}

/** Records the next step; a broken rule rejects with a 422 whose violations `stepViolations` reads. */
export function useRecordStep(id: number) {
  return useRecruitmentMutation((body: RecruitmentStepBody) =>
    api.post<RecruitmentStepResult>(`/api/recruitment/${id}/steps`, body),
  );
}

const violationList = z.array(recruitmentViolationOut);

/** The violated rules of a refused step (422 `details.violations`), or null for any other error. */
export function stepViolations(error: unknown): RecruitmentViolationOut[] | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const parsed = violationList.safeParse(error.details?.violations);
  return parsed.success && parsed.data.length > 0 ? parsed.data : null;
}

export function useDeleteDocument(id: number) {
  return useRecruitmentMutation((documentId: number) =>
    api.delete<unknown>(`/api/recruitment/${id}/documents/${documentId}`),
  );
}

/** Uploads a file of the dossier as the raw request body (`?kind&fileName&title&onDate`). */
function uploadDocument(input: {
  id: number;
  kind: RecruitmentDocumentKind;
  title?: string | undefined;
  onDate?: string | undefined;
  file: File;
  csrfToken: string;
  onProgress?: (percent: number) => void;
}) {
  const { id, kind, title, onDate, file, csrfToken, onProgress } = input;
  return uploadRaw({
    path: `/api/recruitment/${id}/documents`,
    query: { kind, fileName: file.name, title, onDate },
    file,
    contentType: file.type || 'application/octet-stream',
    csrfToken,
    response: recruitmentDetail,
    ...(onProgress ? { onProgress } : {}),
  });
}

export function useUploadDocument() {
  return useRecruitmentMutation(uploadDocument);
}

/** URL of an uploaded document's content (same-origin GET with the session cookie). */
export function documentUrl(id: number, documentId: number): string {
  return `/api/recruitment/${id}/documents/${documentId}`;
}

/** A Word material generated from the dossier with the school's template (a 公示: the one before `step`). */
export function materialUrl(id: number, m: Pick<RecruitmentMaterial, 'kind' | 'noticeStep'>): string {
  return buildUrl(`/api/recruitment/${id}/materials/${m.kind}.docx`, { step: m.noticeStep ?? undefined });
}

/** 发展党员工作台账 (xlsx) of the list's scope and outcome. */
export function ledgerUrl(params: Pick<RecruitmentListParams, 'orgId' | 'outcome'>): string {
  return buildUrl('/api/recruitment/ledger', { orgId: params.orgId, outcome: params.outcome });
}
