import {
  type ActivityDetail,
  type ActivityKind,
  type ActivityPage,
  type ActivityStatus,
  type ActivityTransition,
  type ActivityTransitionBody,
  type AttachmentKind,
  activityDetail,
  type attendanceRecord,
  type CreateActivityBody,
  type guestsBody,
  type InviteeList,
  type LeaveDecisionBody,
  type LeaveRequestBody,
  type MarkAttendanceBody,
  type MyActivities,
  type ResolutionsBody,
  type ReviewBody,
  type reviewResponseBody,
  type SignInBody,
  type SignInCodeResponse,
  type SignInResult,
  signInCode,
  type UpdateActivityBody,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

/** Filters and paging of the activity list, kept in the URL. */
export interface ActivityListParams {
  orgId?: number | undefined;
  kind?: ActivityKind | undefined;
  status?: ActivityStatus | undefined;
  /** First and last day ('YYYY-MM-DD') of the month range searched. */
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** A person's attendance in a year (the contract's schema; core also has a rule type of this name). */
export type AttendanceRecord = z.infer<typeof attendanceRecord>;
export type GuestsBody = z.input<typeof guestsBody>;
export type ReviewResponseBody = z.input<typeof reviewResponseBody>;

export const activityKeys = {
  all: ['activities'] as const,
  list: (params: ActivityListParams) => ['activities', 'list', params] as const,
  detail: (id: number) => ['activities', 'detail', id] as const,
  invitees: (orgId: number, kind: ActivityKind, date: string) =>
    ['activities', 'invitees', orgId, kind, date] as const,
  code: (id: number) => ['activities', 'code', id] as const,
  mine: ['activities', 'mine'] as const,
  attendance: (year: number) => ['activities', 'my-attendance', year] as const,
};

/** One page of activity records within the user's scope. */
export function useActivityList(params: ActivityListParams) {
  return useQuery({
    queryKey: activityKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<ActivityPage>(
        '/api/activities',
        {
          orgId: params.orgId,
          kind: params.kind,
          status: params.status,
          from: params.from,
          to: params.to,
          q: params.q,
          page: params.page,
          pageSize: params.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One record with its attendees, resolutions, files, reviews and the caller's abilities. */
export function useActivityDetail(id: number | null) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ActivityDetail>(`/api/activities/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** Who would be expected at a record of `kind` held by `orgId` on `date` (the plan form's preview). */
export function useInvitees(orgId: number | null, kind: ActivityKind | null, date: string | null) {
  return useQuery({
    queryKey: activityKeys.invitees(orgId ?? 0, kind ?? 'committee_meeting', date ?? ''),
    queryFn: ({ signal }) =>
      api.get<InviteeList>('/api/activities/invitees', { orgId, kind, date }, { signal }),
    enabled: orgId !== null && kind !== null && date !== null,
  });
}

/** The current sign-in code for the meeting screen, polled at half its rotation period. */
export function useSignInCode(id: number) {
  return useQuery({
    queryKey: activityKeys.code(id),
    queryFn: ({ signal }) =>
      api.get<SignInCodeResponse>(`/api/activities/${id}/sign-in-code`, undefined, { signal }),
    refetchInterval: (query) => ((query.state.data?.rotateSeconds ?? signInCode.rotateSeconds) * 1000) / 2,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/** A member's own upcoming and recent records. */
export function useMyActivities() {
  return useQuery({
    queryKey: activityKeys.mine,
    queryFn: ({ signal }) => api.get<MyActivities>('/api/me/activities', undefined, { signal }),
  });
}

/** A member's own attendance in `year`. */
export function useMyAttendance(year: number) {
  return useQuery({
    queryKey: activityKeys.attendance(year),
    queryFn: ({ signal }) => api.get<AttendanceRecord>('/api/me/attendance', { year }, { signal }),
  });
}

/** Any member's attendance in `year` (member:member:view, in scope). */
export function useMemberAttendance(personId: number, year: number) {
  return useQuery({
    queryKey: ['activities', 'member-attendance', personId, year],
    queryFn: ({ signal }) =>
      api.get<AttendanceRecord>(`/api/members/${personId}/attendance`, { year }, { signal }),
  });
}

/** The xlsx of a member's attendance in `year`. */
export function memberAttendanceXlsxUrl(personId: number, year: number): string {
  return `/api/members/${personId}/attendance.xlsx?year=${year}`;
}

/** A record change moves counts, compliance findings, 待办 and the home page: refresh what shows them. */
function useActivityMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(
        [activityKeys.all, alertKeys.all, dashboardKeys.all, inboxKeys.all, ['compliance']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export function useCreateActivity() {
  return useActivityMutation((body: CreateActivityBody) => api.post<ActivityDetail>('/api/activities', body));
}

export function useUpdateActivity(id: number) {
  return useActivityMutation((body: UpdateActivityBody) =>
    api.patch<ActivityDetail>(`/api/activities/${id}`, body),
  );
}

/** Publish, start, close, cancel, stop or reopen sign-in. */
export function useActivityTransition(id: number) {
  return useActivityMutation(
    ({ transition, body }: { transition: ActivityTransition; body: ActivityTransitionBody }) =>
      api.post<ActivityDetail>(`/api/activities/${id}/${transition}`, body),
  );
}

export function useMarkAttendance(id: number) {
  return useActivityMutation((body: MarkAttendanceBody) =>
    api.post<ActivityDetail>(`/api/activities/${id}/attendance`, body),
  );
}

export function useUpdateGuests(id: number) {
  return useActivityMutation((body: GuestsBody) =>
    api.post<ActivityDetail>(`/api/activities/${id}/guests`, body),
  );
}

/** A member asks for leave from a record (from the phone list). */
export function useRequestLeave() {
  return useActivityMutation(({ id, body }: { id: number; body: LeaveRequestBody }) =>
    api.post<unknown>(`/api/activities/${id}/leave`, body),
  );
}

export function useDecideLeave(id: number) {
  return useActivityMutation(({ personId, body }: { personId: number; body: LeaveDecisionBody }) =>
    api.post<ActivityDetail>(`/api/activities/${id}/leave/${personId}/decision`, body),
  );
}

export function useSaveResolutions(id: number) {
  return useActivityMutation((body: ResolutionsBody) =>
    api.put<ActivityDetail>(`/api/activities/${id}/resolutions`, body),
  );
}

export function useCreateReview(id: number) {
  return useActivityMutation((body: ReviewBody) =>
    api.post<ActivityDetail>(`/api/activities/${id}/reviews`, body),
  );
}

export function useRespondToReview(id: number) {
  return useActivityMutation(({ reviewId, body }: { reviewId: number; body: ReviewResponseBody }) =>
    api.post<ActivityDetail>(`/api/activities/${id}/reviews/${reviewId}/response`, body),
  );
}

/** Signs the caller in with a code scanned from the meeting screen. */
export function useSignIn() {
  return useActivityMutation(({ id, body }: { id: number; body: SignInBody }) =>
    api.post<SignInResult>(`/api/activities/${id}/sign-in`, body),
  );
}

export function useDeleteAttachment(id: number) {
  return useActivityMutation((attachmentId: number) =>
    api.delete<unknown>(`/api/activities/${id}/attachments/${attachmentId}`),
  );
}

/** URL of an attachment's content (same-origin GET with the session cookie). */
export function attachmentUrl(id: number, attachmentId: number): string {
  return `/api/activities/${id}/attachments/${attachmentId}`;
}

/** The record's minutes as a Word document (会议记录). */
export function minutesUrl(id: number): string {
  return `/api/activities/${id}/minutes.docx`;
}

/** A branch's 三会一课 ledger for a year (xlsx). */
export function ledgerUrl(orgId: number, year: number): string {
  return buildUrl('/api/activities/ledger.xlsx', { orgId, year });
}

/** Uploads a photo or file as the raw request body (the API takes `?kind=&fileName=`), with progress; answers the record. */
function uploadAttachment(input: {
  id: number;
  kind: AttachmentKind;
  file: File;
  csrfToken: string;
  onProgress?: (percent: number) => void;
}): Promise<ActivityDetail> {
  const { id, kind, file, csrfToken, onProgress } = input;
  return uploadRaw({
    path: `/api/activities/${id}/attachments`,
    query: { kind, fileName: file.name },
    file,
    contentType: file.type || 'application/octet-stream',
    csrfToken,
    response: activityDetail,
    ...(onProgress ? { onProgress } : {}),
  });
}

/** Adds a photo or file to a record. */
export function useUploadAttachment() {
  return useActivityMutation(uploadAttachment);
}
