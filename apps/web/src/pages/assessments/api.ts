import type {
  AssessedLevel,
  AssessmentKind,
  AssessmentRoundDetail,
  AssessmentTransitionBody,
  assessmentRoundPage,
  CreateAssessmentRoundBody,
  CreateIndicatorSystemBody,
  IndicatorSystemDetail,
  indicatorSystemPage,
  OrgAssessmentBody,
  OrgAssessmentDetail,
  UpdateAssessmentRoundBody,
  UpdateIndicatorSystemBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';
import { useOrgList } from '../orgs/api';

/** One page of indicator system versions (`GET /api/indicator-systems`). */
export type IndicatorSystemPage = z.infer<typeof indicatorSystemPage>;
/** One page of rounds (`GET /api/assessments`). */
export type AssessmentRoundPage = z.infer<typeof assessmentRoundPage>;

/** Filters of the 指标体系 list, kept in the URL. */
export interface IndicatorSystemListParams {
  kind?: AssessmentKind | undefined;
  level?: AssessedLevel | undefined;
  year?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Filters of the 考核轮次 list, kept in the URL. */
export interface AssessmentRoundListParams {
  kind?: AssessmentKind | undefined;
  year?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const assessmentKeys = {
  all: ['assessments'] as const,
  systems: ['assessments', 'systems'] as const,
  systemList: (p: IndicatorSystemListParams) => ['assessments', 'systems', 'list', p] as const,
  system: (id: number) => ['assessments', 'systems', 'detail', id] as const,
  rounds: ['assessments', 'rounds'] as const,
  roundList: (p: AssessmentRoundListParams) => ['assessments', 'rounds', 'list', p] as const,
  round: (id: number) => ['assessments', 'rounds', 'detail', id] as const,
  org: (id: number, orgId: number) => ['assessments', 'rounds', 'org', id, orgId] as const,
};

/** One page of the indicator system versions, newest year first. */
export function useIndicatorSystemList(params: IndicatorSystemListParams, enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.systemList(params),
    queryFn: ({ signal }) =>
      api.get<IndicatorSystemPage>(
        '/api/indicator-systems',
        {
          kind: params.kind,
          level: params.level,
          year: params.year,
          q: params.q,
          page: params.page,
          pageSize: params.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One version with its definition and what the user may change. */
export function useIndicatorSystem(id: number | null) {
  return useQuery({
    queryKey: assessmentKeys.system(id ?? 0),
    queryFn: ({ signal }) =>
      api.get<IndicatorSystemDetail>(`/api/indicator-systems/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** A new version: from a built-in template, a copy of a version, or a whole definition. */
export function useCreateIndicatorSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIndicatorSystemBody) =>
      api.post<IndicatorSystemDetail>('/api/indicator-systems', body),
    onSuccess: async (detail) => {
      queryClient.setQueryData(assessmentKeys.system(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.systems });
    },
  });
}

/** Saves a version's definition (or only its name and description once a round uses it). */
export function useUpdateIndicatorSystem(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateIndicatorSystemBody) =>
      api.patch<IndicatorSystemDetail>(`/api/indicator-systems/${id}`, body),
    onSuccess: async (detail) => {
      queryClient.setQueryData(assessmentKeys.system(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.systems });
    },
  });
}

/** One page of the rounds the user takes part in or oversees. */
export function useAssessmentRoundList(params: AssessmentRoundListParams, enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.roundList(params),
    queryFn: ({ signal }) =>
      api.get<AssessmentRoundPage>(
        '/api/assessments',
        { kind: params.kind, year: params.year, q: params.q, page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A round with the orgs of the user's scope (the round board). */
export function useAssessmentRound(id: number | null) {
  return useQuery({
    queryKey: assessmentKeys.round(id ?? 0),
    queryFn: ({ signal }) => api.get<AssessmentRoundDetail>(`/api/assessments/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** Opens a round: the system applied to the orgs of its level in a subtree. */
export function useCreateAssessmentRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssessmentRoundBody) =>
      api.post<AssessmentRoundDetail>('/api/assessments', body),
    onSuccess: async (round) => {
      queryClient.setQueryData(assessmentKeys.round(round.id), round);
      // The system it uses is frozen now.
      await Promise.all(
        [assessmentKeys.rounds, assessmentKeys.systems, inboxKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** Corrects a round before it is final: its title, deadlines and 公示 working days. */
export function useUpdateAssessmentRound(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAssessmentRoundBody) =>
      api.patch<AssessmentRoundDetail>(`/api/assessments/${id}`, body),
    onSuccess: async (round) => {
      queryClient.setQueryData(assessmentKeys.round(round.id), round);
      // The deadlines show in the list, the 待办 and the alerts.
      await Promise.all(
        [assessmentKeys.rounds, inboxKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}

const orgUrl = (id: number, orgId: number) => `/api/assessments/${id}/orgs/${orgId}`;

/** One org's scorecard in a round: its score with provenance, judgements, steps and abilities. */
export function useOrgAssessment(id: number | null, orgId: number | null) {
  return useQuery({
    queryKey: assessmentKeys.org(id ?? 0, orgId ?? 0),
    queryFn: ({ signal }) => api.get<OrgAssessmentDetail>(orgUrl(id!, orgId!), undefined, { signal }),
    enabled: id !== null && orgId !== null,
  });
}

/** A change answers the org's new scorecard: it replaces the cached one; the board and 待办 are read again. */
function useOrgMutation<TVars>(id: number, orgId: number, fn: (vars: TVars) => Promise<OrgAssessmentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(assessmentKeys.org(id, orgId), detail);
      await Promise.all(
        [assessmentKeys.rounds, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** Saves the judgements (and a reviewer's overrides) of the level whose turn it is. */
export function useSaveOrgAssessment(id: number, orgId: number) {
  return useOrgMutation(id, orgId, (body: OrgAssessmentBody) =>
    api.put<OrgAssessmentDetail>(orgUrl(id, orgId), body),
  );
}

/** One step of the procedure: 提交自评, 审核通过, 退回, 党委审定, 确定结果 … */
export function useAssessmentTransition(id: number, orgId: number) {
  return useOrgMutation(id, orgId, (body: AssessmentTransitionBody) =>
    api.post<OrgAssessmentDetail>(`${orgUrl(id, orgId)}/transitions`, body),
  );
}

/** Download address of a round's results (the per-unit 党建 score for the performance system). */
export const resultsUrl = (id: number) => buildUrl(`/api/assessments/${id}/results.xlsx`);

/** Download address of an org's scorecard as Word. */
export const scorecardDocxUrl = (id: number, orgId: number) =>
  buildUrl(`${orgUrl(id, orgId)}/scorecard.docx`);

/** Web pages of assessments. */
export const assessmentPaths = {
  rounds: '/assessments',
  round: (id: number) => `/assessments/${id}`,
  scorecard: (id: number, orgId: number) => `/assessments/${id}/orgs/${orgId}`,
  systems: '/assessments/systems',
  system: (id: number) => `/assessments/systems/${id}`,
  starMap: (roundId?: number) =>
    roundId ? `/assessments/star-map?round=${roundId}` : '/assessments/star-map',
};

/** The 党委 orgs of the user's scope: the orgs right under one are 党委直属 on the board and the map. */
export function useCommitteeIds(): ReadonlySet<number> {
  const orgs = useOrgList();
  return useMemo(
    () => new Set((orgs.data ?? []).filter((o) => o.type === 'committee').map((o) => o.id)),
    [orgs.data],
  );
}
