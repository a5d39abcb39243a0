import type {
  NotificationList,
  notificationPreferencesSchema,
  OrgRobot,
  RobotKind,
  updateNotificationPreferencesBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

/** One message of the centre. */
export type NotificationEntry = NotificationList['items'][number];

/** The user's notification settings, and whether the server can send e-mail at all. */
export type NotificationSettings = z.infer<typeof notificationPreferencesSchema> & {
  emailAvailable: boolean;
};

/** A change to the settings (only the fields that change). */
export type NotificationSettingsChange = z.input<typeof updateNotificationPreferencesBody>;

/** Which page of the message centre, and whether only the unread ones. */
export interface NotificationListParams {
  page: number;
  pageSize: number;
  unread?: boolean | undefined;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  lists: ['notifications', 'list'] as const,
  list: (params: NotificationListParams) => ['notifications', 'list', params] as const,
  preferences: ['notifications', 'preferences'] as const,
  robots: (orgId: number) => ['notifications', 'robots', orgId] as const,
};

/** The bell shows this many of the newest messages. */
export const latestCount = 5;

/** The bell polls the unread count this often (and again when the window regains focus). */
const pollMs = 60_000;

function fetchList(params: NotificationListParams, signal: AbortSignal) {
  return api.get<NotificationList>(
    '/api/notifications',
    {
      page: params.page,
      pageSize: params.pageSize,
      unread: params.unread === undefined ? undefined : String(params.unread),
    },
    { signal },
  );
}

/** One page of the user's own messages, newest first, with the unread count. */
export function useNotificationList(params: NotificationListParams) {
  return useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: ({ signal }) => fetchList(params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The bell's newest messages and unread count, polled every minute and on window focus. */
export function useLatestNotifications() {
  const params = { page: 1, pageSize: latestCount };
  return useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: ({ signal }) => fetchList(params, signal),
    refetchInterval: pollMs,
    refetchOnWindowFocus: true,
  });
}

/** Marks some messages read (or all of them); every list and the bell's count are refreshed. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) =>
      api.post<{ updated: number; unread: number }>('/api/notifications/read', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
  });
}

/** The user's notification settings. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      api.get<NotificationSettings>('/api/notifications/preferences', undefined, { signal }),
  });
}

/** Saves the settings; the server answers them whole. */
export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettingsChange) =>
      api.put<NotificationSettings>('/api/notifications/preferences', body),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences, saved),
  });
}

/** The 企业微信 / 钉钉 group robots of one org (their keys masked). */
export function useOrgRobots(orgId: number) {
  return useQuery({
    queryKey: notificationKeys.robots(orgId),
    queryFn: ({ signal }) => api.get<OrgRobot[]>('/api/notifications/robots', { orgId }, { signal }),
  });
}

/** What the 添加 form sends (the secret only for 钉钉 加签). */
export interface CreateRobotBody {
  orgId: number;
  kind: RobotKind;
  url: string;
  secret?: string | undefined;
}

function useRobotMutation<TVars, TResult>(orgId: number, mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.robots(orgId) }),
  });
}

export function useCreateRobot(orgId: number) {
  return useRobotMutation(orgId, (body: CreateRobotBody) =>
    api.post<OrgRobot>('/api/notifications/robots', body),
  );
}

export function useDeleteRobot(orgId: number) {
  return useRobotMutation(orgId, (id: number) => api.delete<{ ok: true }>(`/api/notifications/robots/${id}`));
}

/** Sends a test message to the group now; answers whether it arrived and why not. */
export function useTestRobot() {
  return useMutation({
    mutationFn: (id: number) =>
      api.post<{ ok: boolean; message: string }>(`/api/notifications/robots/${id}/test`),
  });
}
