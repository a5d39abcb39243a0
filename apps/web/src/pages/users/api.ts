import type { CreateUserBody, Page, RoleCode, UpdateUserBody, UserListItem } from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** A user together with a temporary password that is shown once. */
export interface UserWithTemporaryPassword {
  user: UserListItem;
  temporaryPassword: string;
}

/** Search form and paging of the account list. */
export interface UserListParams {
  q?: string | undefined;
  role?: RoleCode | undefined;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
};

/** One page of accounts. */
export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<Page<UserListItem>>(
        '/api/users',
        { q: params.q, role: params.role, page: params.page, pageSize: params.pageSize },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserBody) => api.post<UserWithTemporaryPassword>('/api/users', body));
}

export function useUpdateUser() {
  return useUserMutation(({ id, body }: { id: number; body: UpdateUserBody }) =>
    api.patch<UserListItem>(`/api/users/${id}`, body),
  );
}

export function useResetPassword() {
  return useUserMutation((id: number) =>
    api.post<UserWithTemporaryPassword>(`/api/users/${id}/reset-password`, {}),
  );
}

export function useUnlockUser() {
  return useUserMutation((id: number) => api.post<UserListItem>(`/api/users/${id}/unlock`, {}));
}
