import { type MyRecruitment, myRecruitment } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { uploadRaw } from '../../lib/upload';

export const myRecruitmentKeys = { all: ['me', 'recruitment'] as const };

/** The signed-in person's own dossier (`null` when they have none). */
export function useMyRecruitment() {
  return useQuery({
    queryKey: myRecruitmentKeys.all,
    queryFn: ({ signal }) => api.get<MyRecruitment | null>('/api/me/recruitment', undefined, { signal }),
  });
}

/** Uploads a 思想汇报 as the raw request body, with progress; the answer is the dossier with it. */
export function useUploadThoughtReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; title: string; csrfToken: string; onProgress: (p: number) => void }) =>
      uploadRaw({
        path: '/api/me/recruitment/documents',
        query: { kind: 'thought_report', fileName: input.file.name, title: input.title },
        file: input.file,
        contentType: input.file.type || 'application/octet-stream',
        csrfToken: input.csrfToken,
        response: myRecruitment,
        onProgress: input.onProgress,
      }),
    onSuccess: (dossier) => queryClient.setQueryData(myRecruitmentKeys.all, dossier),
  });
}
