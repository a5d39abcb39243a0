import type {
  CampaignDetail,
  CreateCampaignBody,
  campaignPage,
  ReturnCampaignBody,
  SubmitCampaignListBody,
  SubmitCampaignSummaryBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';
import { type RectificationPage, rectificationKeys } from '../rectification/api';

/** One page of campaigns (`GET /api/rectification-campaigns`). */
export type CampaignPage = z.infer<typeof campaignPage>;

/** Filters and paging of the 问题清单 list, kept in the URL. */
export interface CampaignListParams {
  year?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const campaignKeys = {
  all: ['rectification-campaigns'] as const,
  lists: ['rectification-campaigns', 'list'] as const,
  list: (params: CampaignListParams) => ['rectification-campaigns', 'list', params] as const,
  detail: (id: number) => ['rectification-campaigns', 'detail', id] as const,
};

/** The campaigns the user's scope takes part in, the newest first. */
export function useCampaignList(params: CampaignListParams) {
  return useQuery({
    queryKey: campaignKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<CampaignPage>(
        '/api/rectification-campaigns',
        { year: params.year, q: params.q, page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One campaign with the progress of the orgs in the user's scope. */
export function useCampaignDetail(id: number | null) {
  return useQuery({
    queryKey: campaignKeys.detail(id ?? 0),
    queryFn: ({ signal }) =>
      api.get<CampaignDetail>(`/api/rectification-campaigns/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** The items registered with a campaign's lists (those in the user's scope), a page at a time. */
export function useCampaignItems(campaignId: number, page: number, pageSize = 10) {
  return useQuery({
    // Under the rectification lists' key: registering an item there reads this again.
    queryKey: [...rectificationKeys.lists, { campaignId, page, pageSize }] as const,
    queryFn: ({ signal }) =>
      api.get<RectificationPage>('/api/rectifications', { campaignId, page, pageSize }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** A change answers the campaign's new detail: it replaces the cached one; lists, 待办, alerts are read again. */
function useCampaignMutation<TVars>(mutationFn: (vars: TVars) => Promise<CampaignDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(campaignKeys.detail(detail.id), detail);
      await Promise.all(
        [campaignKeys.lists, inboxKeys.all, dashboardKeys.all, alertKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 部署问题清单工作 (the 组织部). */
export function useCreateCampaign() {
  return useCampaignMutation((body: CreateCampaignBody) =>
    api.post<CampaignDetail>('/api/rectification-campaigns', body),
  );
}

const rowUrl = (id: number, orgId: number) => `/api/rectification-campaigns/${id}/orgs/${orgId}`;

/** 提交问题清单 of one participating org. */
export function useSubmitList(id: number) {
  return useCampaignMutation(({ orgId, ...body }: SubmitCampaignListBody & { orgId: number }) =>
    api.post<CampaignDetail>(`${rowUrl(id, orgId)}/list`, body),
  );
}

/** 提交整改总结 of one participating org. */
export function useSubmitSummary(id: number) {
  return useCampaignMutation(({ orgId, ...body }: SubmitCampaignSummaryBody & { orgId: number }) =>
    api.post<CampaignDetail>(`${rowUrl(id, orgId)}/summary`, body),
  );
}

/** 退回 the list or the summary of one participating org (the level above). */
export function useReturnPart(id: number) {
  return useCampaignMutation(({ orgId, ...body }: ReturnCampaignBody & { orgId: number }) =>
    api.post<CampaignDetail>(`${rowUrl(id, orgId)}/return`, body),
  );
}

/** Download address of the 报送情况汇总表. */
export const reportUrl = (id: number) => buildUrl(`/api/rectification-campaigns/${id}/report.xlsx`);

/** The web page of a campaign. */
export const campaignPath = (id: number) => `/rectification-campaigns/${id}`;
