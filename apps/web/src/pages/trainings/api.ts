import type {
  PersonTrainingHours,
  TrainingClass,
  TrainingDetail,
  TrainingHoursRow,
  TrainingIncentiveRow,
  TrainingItem,
  TrainingSettings,
  TrainingTargetGroup,
} from '@dangjian/core';
import { externalTraining } from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';

/** Filters and paging of the course list, kept in the URL. */
export interface TrainingListParams {
  orgId?: number | undefined;
  year?: number | undefined;
  targetGroup?: TrainingTargetGroup | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Filters and paging of the 学时 list, kept in the URL. */
export interface HoursListParams {
  year: number;
  orgId?: number | undefined;
  trainingClass?: TrainingClass | undefined;
  deficit?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface TrainingPage {
  items: TrainingItem[];
  total: number;
  page: number;
  pageSize: number;
}
export interface HoursPage {
  year: number;
  items: TrainingHoursRow[];
  total: number;
  page: number;
  pageSize: number;
  note: string | null;
}

export const trainingKeys = {
  all: ['trainings'] as const,
  list: (p: TrainingListParams) => ['trainings', 'list', p] as const,
  detail: (id: number) => ['trainings', 'detail', id] as const,
  hours: (p: HoursListParams) => ['trainings', 'hours', p] as const,
  person: (id: number, year: number) => ['trainings', 'person', id, year] as const,
  mine: (year: number) => ['trainings', 'mine', year] as const,
};

export function useTrainingList(p: TrainingListParams) {
  return useQuery({
    queryKey: trainingKeys.list(p),
    queryFn: ({ signal }) => api.get<TrainingPage>('/api/trainings', { ...p }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTrainingDetail(id: number) {
  return useQuery({
    queryKey: trainingKeys.detail(id),
    queryFn: ({ signal }) => api.get<TrainingDetail>(`/api/trainings/${id}`, undefined, { signal }),
  });
}

const hoursQuery = (p: Omit<HoursListParams, 'page' | 'pageSize'>) => ({
  year: p.year,
  orgId: p.orgId,
  trainingClass: p.trainingClass,
  deficit: p.deficit ? 'true' : undefined,
  q: p.q,
});

export function useHoursList(p: HoursListParams) {
  return useQuery({
    queryKey: trainingKeys.hours(p),
    queryFn: ({ signal }) =>
      api.get<HoursPage>(
        '/api/training-hours',
        { ...hoursQuery(p), page: p.page, pageSize: p.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The 学时登记表 with the list's filters. */
export const hoursLedgerUrl = (p: Omit<HoursListParams, 'page' | 'pageSize'>) =>
  buildUrl('/api/training-hours.xlsx', hoursQuery(p));

export function usePersonHours(personId: number, year: number) {
  return useQuery({
    queryKey: trainingKeys.person(personId, year),
    queryFn: ({ signal }) =>
      api.get<PersonTrainingHours>(`/api/training-hours/${personId}`, { year }, { signal }),
  });
}

export function useMyHours(year: number) {
  return useQuery({
    queryKey: trainingKeys.mine(year),
    queryFn: ({ signal }) => api.get<PersonTrainingHours>('/api/me/training-hours', { year }, { signal }),
  });
}

function useCourseMutation<V>(mutationFn: (v: V) => Promise<TrainingDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(trainingKeys.detail(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}

export interface CreateCourseInput {
  orgId: number;
  title: string;
  targetGroup: TrainingTargetGroup | null;
  startsOn: string;
  endsOn: string;
  hours: number;
  place: string | null;
}

export const useCreateCourse = () =>
  useCourseMutation((body: CreateCourseInput) => api.post<TrainingDetail>('/api/trainings', body));

export const useEnrol = (id: number) =>
  useCourseMutation((personIds: number[]) =>
    api.post<TrainingDetail>(`/api/trainings/${id}/attendees`, { personIds }),
  );

export const useMarkAttendance = (id: number) =>
  useCourseMutation((body: { personId: number; status: 'present' | 'absent'; absentHours?: number }) =>
    api.post<TrainingDetail>(`/api/trainings/${id}/attendance`, body),
  );

export const trainingSettingKeys = { all: ['trainings', 'settings'] as const };

export function useTrainingSettings() {
  return useQuery({
    queryKey: trainingSettingKeys.all,
    queryFn: ({ signal }) => api.get<TrainingSettings>('/api/settings/training', undefined, { signal }),
  });
}

/** Saves the conversion and incentives; every 学时 may change, so the training reads are reloaded. */
export function useSaveTrainingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingSettings) => api.put<TrainingSettings>('/api/settings/training', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(trainingSettingKeys.all, saved);
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}

export interface IncentiveList {
  year: number;
  items: TrainingIncentiveRow[];
}

export function useIncentives(year: number) {
  return useQuery({
    queryKey: ['trainings', 'incentives', year] as const,
    queryFn: ({ signal }) => api.get<IncentiveList>('/api/training-incentives', { year }, { signal }),
  });
}

export const incentivesLedgerUrl = (year: number) => buildUrl('/api/training-incentives.xlsx', { year });

export interface ExternalTrainingInput {
  personId: number;
  title: string;
  organiser: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  certificateNo: string | null;
}

/** 录入外部培训 for a person; their year is reloaded. */
export function useCreateExternal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExternalTrainingInput) => api.post<{ id: number }>('/api/external-trainings', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

/** Uploads the certificate file of an external training with no certificate number (raw body, `?fileName=`). */
export function useUploadCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (u: { id: number; file: File; csrfToken: string }) =>
      uploadRaw({
        path: `/api/external-trainings/${u.id}/certificate`,
        query: { fileName: u.file.name },
        file: u.file,
        contentType: u.file.type || 'application/octet-stream',
        csrfToken: u.csrfToken,
        response: externalTraining,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
