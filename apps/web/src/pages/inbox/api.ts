import type { InboxResponse } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** One thing waiting for the user (待办). */
export type InboxEntry = InboxResponse['items'][number];

export const inboxKeys = { all: ['inbox'] as const };

/** The header's badge polls the count this often (and again when the window regains focus), like the bell. */
const pollMs = 60_000;

/**
 * Everything waiting for the signed-in user, most urgent first, with counts per kind
 * (`GET /api/inbox`). One query serves the header badge, the home card and the page.
 */
export function useInbox() {
  return useQuery({
    queryKey: inboxKeys.all,
    queryFn: ({ signal }) => api.get<InboxResponse>('/api/inbox', undefined, { signal }),
    refetchInterval: pollMs,
    refetchOnWindowFocus: true,
  });
}
