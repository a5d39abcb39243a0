import type {
  CancelTransferBody,
  ConfirmTransferBody,
  CreateTransferBody,
  MemberDetail,
  PlaceTransferBody,
  RecordReceiptBody,
  RejectTransferBody,
  TransferDetail,
  TransferKind,
  TransferPage,
  TransferStatus,
  TransferTargetOrg,
} from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../lib/api';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { orgKeys, peopleKeys } from '../orgs/api';

/** Filters and paging of the transfer list, kept in the URL. */
export interface TransferListParams {
  kind?: TransferKind | undefined;
  status?: TransferStatus | undefined;
  /** One member's transfers (the member's page links here with ?personId=). */
  personId?: number | undefined;
  q?: string | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

export const transferKeys = {
  all: ['transfers'] as const,
  list: (params: TransferListParams) => ['transfers', 'list', params] as const,
  detail: (id: number) => ['transfers', 'detail', id] as const,
  targets: ['transfers', 'targets'] as const,
};

/** One page of transfers touching the user's scope. */
export function useTransferList(params: TransferListParams) {
  return useQuery({
    queryKey: transferKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<TransferPage>(
        '/api/transfers',
        {
          kind: params.kind,
          status: params.status,
          personId: params.personId,
          q: params.q,
          overdue: params.overdue ? 'true' : undefined,
          page: params.page,
          pageSize: params.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One transfer with everything recorded on it. */
export function useTransferDetail(id: number | null) {
  return useQuery({
    queryKey: transferKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<TransferDetail>(`/api/transfers/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** The name of a member chosen by id (the member's page links here), for pickers and notices. */
export function useMemberName(id: number | undefined) {
  return useQuery({
    queryKey: ['members', 'detail', id, false, 'name'],
    queryFn: async ({ signal }) =>
      (await api.get<MemberDetail>(`/api/members/${id}`, undefined, { signal })).name,
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}

/** Every org of the college that may receive a member (names only), for starting a transfer. */
export function useTransferTargets(enabled: boolean) {
  return useQuery({
    queryKey: transferKeys.targets,
    queryFn: ({ signal }) =>
      api.get<TransferTargetOrg[]>('/api/transfers/target-orgs', undefined, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A transfer changes the roster, member counts and alerts: refresh what shows them. */
function useTransferMutation<TVars>(mutationFn: (vars: TVars) => Promise<TransferDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all(
        [
          transferKeys.all,
          orgKeys.all,
          peopleKeys.all,
          alertKeys.all,
          dashboardKeys.all,
          // The roster page's keys (memberKeys.all in pages/members/api.ts).
          ['members'],
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}

export function useCreateTransfer() {
  return useTransferMutation((body: CreateTransferBody) => api.post<TransferDetail>('/api/transfers', body));
}

/** The steps of a transfer after it started, with their bodies. */
export interface TransferStepBodies {
  confirm: ConfirmTransferBody;
  reject: RejectTransferBody;
  cancel: CancelTransferBody;
  receipt: RecordReceiptBody;
  place: PlaceTransferBody;
}
export type TransferStep = keyof TransferStepBodies;
/** One step on one transfer: `{ id, step: 'confirm', body: { version, … } }`. */
export type TransferStepInput = {
  [S in TransferStep]: { id: number; step: S; body: TransferStepBodies[S] };
}[TransferStep];

export function useTransferStep() {
  return useTransferMutation(({ id, step, body }: TransferStepInput) =>
    api.post<TransferDetail>(`/api/transfers/${id}/${step}`, body),
  );
}

/**
 * The 介绍信 (Word); the session cookie is enough for a same-origin GET. The printed letter needs the full
 * ID number and phone, so it asks for them (the server fills them in only for member:member:sensitive and
 * audits every print).
 */
export function letterUrl(id: number): string {
  return buildUrl(`/api/transfers/${id}/letter.docx`, { unmasked: 'true' });
}
