import type {
  CadreDetail,
  CadreItem,
  CadrePostLevel,
  CadreTrack,
  cadreTermSettingsSchema,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, buildUrl } from '../../lib/api';
import { inboxKeys } from '../inbox/api';

/** Filters and paging of the roster, kept in the URL. */
export interface CadreListParams {
  unitId?: number | undefined;
  level?: CadrePostLevel | undefined;
  track?: CadreTrack | undefined;
  probation?: boolean | undefined;
  minYearsInPost?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface CadrePage {
  items: CadreItem[];
  total: number;
  page: number;
  pageSize: number;
  today: string;
}

/** A post as the forms send it (dates as ISO strings). */
export interface PostInput {
  unitId: number;
  title: string;
  level: CadrePostLevel;
  track: CadreTrack;
  documentNo: string | null;
  startOn: string;
  probationEndOn: string | null;
  termEndOn: string | null;
  countyLevel: boolean;
}

/** The school's term settings as the form edits them. */
export type TermSettings = z.infer<typeof cadreTermSettingsSchema>;

export const cadreKeys = {
  all: ['cadres'] as const,
  list: (p: CadreListParams) => ['cadres', 'list', p] as const,
  detail: (id: number) => ['cadres', 'detail', id] as const,
  settings: ['cadres', 'settings'] as const,
};

export const cadrePath = (id: number) => `/cadres/${id}`;

export function useCadreList(p: CadreListParams) {
  return useQuery({
    queryKey: cadreKeys.list(p),
    queryFn: ({ signal }) =>
      api.get<CadrePage>(
        buildUrl('/api/cadres', {
          unitId: p.unitId,
          level: p.level,
          track: p.track,
          probation: p.probation === undefined ? undefined : String(p.probation),
          minYearsInPost: p.minYearsInPost,
          q: p.q,
          page: p.page,
          pageSize: p.pageSize,
        }),
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCadre(id: number) {
  return useQuery({
    queryKey: cadreKeys.detail(id),
    queryFn: ({ signal }) => api.get<CadreDetail>(`/api/cadres/${id}`, undefined, { signal }),
  });
}

function useCadreWrite<B>(send: (body: B) => Promise<CadreDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (saved) => {
      queryClient.setQueryData(cadreKeys.detail(saved.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cadres', 'list'] }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
      ]);
    },
  });
}

export const useCreateCadre = () =>
  useCadreWrite((body: { personId: number; note: string | null; post: PostInput }) =>
    api.post<CadreDetail>('/api/cadres', body),
  );

export const useUpdateCadre = (id: number) =>
  useCadreWrite(
    (body: {
      version: number;
      note?: string | null;
      addPost?: PostInput;
      endPost?: { postId: number; endOn: string; reason: string };
    }) => api.patch<CadreDetail>(`/api/cadres/${id}`, body),
  );

export const useRotateCadre = (id: number) =>
  useCadreWrite(
    (body: {
      version: number;
      fromPostId: number;
      kind: 'exchange' | 'rotation';
      onDate: string;
      documentNo: string | null;
      note: string | null;
      to: PostInput;
    }) => api.post<CadreDetail>(`/api/cadres/${id}/rotations`, body),
  );

export function useCadreTermSettings() {
  return useQuery({
    queryKey: cadreKeys.settings,
    queryFn: ({ signal }) => api.get<TermSettings>('/api/settings/cadre-terms', undefined, { signal }),
  });
}

export function useSaveCadreTermSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TermSettings) => api.put<TermSettings>('/api/settings/cadre-terms', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(cadreKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: cadreKeys.all });
    },
  });
}
