import type { BallotDetail, MyBallot, PaperEntryBody } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';

export const ballotKeys = {
  all: ['ballots'] as const,
  mine: ['ballots', 'mine'] as const,
  detail: (id: number) => ['ballots', 'detail', id] as const,
};

/** 我的投票: the ballots the user is on the roll of. */
export function useMyBallots() {
  return useQuery({
    queryKey: ballotKeys.mine,
    queryFn: ({ signal }) => api.get<{ items: MyBallot[] }>('/api/me/ballots', undefined, { signal }),
  });
}

/** The organiser's view of one ballot. */
export function useBallotDetail(id: number | null) {
  return useQuery({
    queryKey: ballotKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<BallotDetail>(`/api/ballots/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** Casts the user's vote: a choice (or null: 弃权) per item. */
export function useCastVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, choices }: { id: number; choices: { itemKey: string; choice: string | null }[] }) =>
      api.post<{ ok: true; ballotId: number }>(`/api/ballots/${id}/votes`, { ballotChoices: choices }),
    onSettled: () =>
      Promise.all(
        [ballotKeys.mine, inboxKeys.all, dashboardKeys.all].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

/** An organiser's step answers the ballot's new detail: it replaces the cached one; 待办 are read again. */
function useOrganiserStep<TVars>(id: number, mutationFn: (vars: TVars) => Promise<BallotDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (detail) => {
      queryClient.setQueryData(ballotKeys.detail(id), detail);
      await Promise.all(
        [inboxKeys.all, dashboardKeys.all, ballotKeys.mine].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

const url = (id: number) => `/api/ballots/${id}`;

/** 结束投票 before closesAt. */
export function useCloseBallot(id: number) {
  return useOrganiserStep(id, () => api.post<BallotDetail>(`${url(id)}/close`, {}));
}

/** 公布结果 to the voters. */
export function usePublishBallot(id: number) {
  return useOrganiserStep(id, () => api.post<BallotDetail>(`${url(id)}/publish`, {}));
}

/** 登记纸质投票人 (while open). */
export function useMarkPaperVoters(id: number) {
  return useOrganiserStep(id, (paperVoterIds: number[]) =>
    api.post<BallotDetail>(`${url(id)}/paper-voters`, { paperVoterIds }),
  );
}

/** 登记一批纸质选票 (after closing). */
export function useCreatePaperBatch(id: number) {
  return useOrganiserStep(id, (body: { paperCount: number; batchNote: string | null }) =>
    api.post<BallotDetail>(`${url(id)}/paper-batches`, body),
  );
}

/** One counter's entry of a batch. */
export function useEnterPaperBatch(id: number) {
  return useOrganiserStep(id, ({ batchId, body }: { batchId: number; body: PaperEntryBody }) =>
    api.post<BallotDetail>(`${url(id)}/paper-batches/${batchId}/entries`, body),
  );
}

/** The organiser's page of a ballot (the owning modules link to it). */
export const ballotPath = (id: number) => `/ballots/${id}`;
