import type {
  CreateSupervisedTaskBody,
  SupervisedTaskDetail,
  SupervisedTaskStatus,
  SupervisedTaskTransitionBody,
  supervisedTaskPage,
  UpdateSupervisedTaskBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

/** One page of tasks (`GET /api/supervised-tasks`). */
export type SupervisedTaskPage = z.infer<typeof supervisedTaskPage>;

/** Filters and paging of the 督办事项 list, kept in the URL. */
export interface SupervisedTaskListParams {
  leadOrgId?: number | undefined;
  status?: SupervisedTaskStatus | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const supervisionKeys = {
  all: ['supervised-tasks'] as const,
  lists: ['supervised-tasks', 'list'] as const,
  list: (params: SupervisedTaskListParams) => ['supervised-tasks', 'list', params] as const,
  detail: (id: number) => ['supervised-tasks', 'detail', id] as const,
};

const filterQuery = (p: Omit<SupervisedTaskListParams, 'page' | 'pageSize'>) => ({
  leadOrgId: p.leadOrgId,
  status: p.status,
  overdue: p.overdue ? 'true' : undefined,
  q: p.q,
});

/** One page of the tasks within the user's scope (overdue first). */
export function useSupervisedTaskList(params: SupervisedTaskListParams) {
  return useQuery({
    queryKey: supervisionKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<SupervisedTaskPage>(
        '/api/supervised-tasks',
        { ...filterQuery(params), page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One task with its timeline and what the user may do with it. */
export function useSupervisedTaskDetail(id: number | null) {
  return useQuery({
    queryKey: supervisionKeys.detail(id ?? 0),
    queryFn: ({ signal }) =>
      api.get<SupervisedTaskDetail>(`/api/supervised-tasks/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** A change answers the task's new detail: it replaces the cached one; lists, 待办 and the home page are read again. */
function useTaskMutation<TVars>(mutationFn: (vars: TVars) => Promise<SupervisedTaskDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(supervisionKeys.detail(detail.id), detail);
      await Promise.all(
        [supervisionKeys.lists, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

/** 交办督办事项 from a decision of a 党委会 / 党务工作例会 / 党政联席会 record. */
export function useCreateSupervisedTask() {
  return useTaskMutation((body: CreateSupervisedTaskBody) =>
    api.post<SupervisedTaskDetail>('/api/supervised-tasks', body),
  );
}

const taskUrl = (id: number) => `/api/supervised-tasks/${id}`;

/** Corrects the task (the assigner, before it is accepted). */
export function useUpdateSupervisedTask(id: number) {
  return useTaskMutation((body: UpdateSupervisedTaskBody) =>
    api.patch<SupervisedTaskDetail>(taskUrl(id), body),
  );
}

/** One step: 签收, 报告办结, 确认办结, 退回, 延期. */
export function useSupervisedTaskTransition(id: number) {
  return useTaskMutation((body: SupervisedTaskTransitionBody) =>
    api.post<SupervisedTaskDetail>(`${taskUrl(id)}/transitions`, body),
  );
}

/** A progress report of the lead unit. */
export function useReportProgress(id: number) {
  return useTaskMutation((note: string) =>
    api.post<SupervisedTaskDetail>(`${taskUrl(id)}/progress`, { note }),
  );
}

/** Download address of the 督办单. */
export const sheetUrl = (id: number) => buildUrl(`${taskUrl(id)}/sheet.docx`);

/** Download address of the 督办台账 with the list's filters. */
export const ledgerUrl = (p: Omit<SupervisedTaskListParams, 'page' | 'pageSize'>) =>
  buildUrl('/api/supervised-tasks/ledger.xlsx', filterQuery(p));

/** The web page of a task. */
export const supervisedTaskPath = (id: number) => `/supervised-tasks/${id}`;
