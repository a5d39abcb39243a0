import type { createMajorBody, createUnitBody, Major, Unit, updateUnitBody } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export type CreateUnitBody = z.input<typeof createUnitBody>;
export type UpdateUnitBody = z.input<typeof updateUnitBody>;
export type CreateMajorBody = z.input<typeof createMajorBody>;

export const unitKeys = {
  units: ['units'] as const,
  majors: ['majors'] as const,
};

/** Administrative units (二级学院/部门/教辅单位). */
export function useUnits() {
  return useQuery({
    queryKey: unitKeys.units,
    queryFn: ({ signal }) => api.get<Unit[]>('/api/units', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Majors and major clusters branches may be built on. */
export function useMajors() {
  return useQuery({
    queryKey: unitKeys.majors,
    queryFn: ({ signal }) => api.get<Major[]>('/api/majors', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnitBody) => api.post<Unit>('/api/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.units }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUnitBody }) =>
      api.patch<Unit>(`/api/units/${id}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: unitKeys.units }),
        queryClient.invalidateQueries({ queryKey: unitKeys.majors }),
        queryClient.invalidateQueries({ queryKey: ['orgs'] }),
      ]),
  });
}

export function useCreateMajor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMajorBody) => api.post<Major>('/api/majors', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.majors }),
  });
}
