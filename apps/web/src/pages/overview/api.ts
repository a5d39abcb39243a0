import type { Overview, OverviewLink, OverviewListPage } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const overviewKeys = {
  all: ['overview'] as const,
  year: (year: number | undefined) => ['overview', year ?? null] as const,
};

/** 党建工作概览 of a year (`GET /api/overview`; this year when none is given). */
export function useOverview(year?: number) {
  return useQuery({
    queryKey: overviewKeys.year(year),
    queryFn: ({ signal }) => api.get<Overview>('/api/overview', { year }, { signal }),
  });
}

/** The route of each list a figure can open. */
const listPaths = {
  members: '/members',
  orgs: '/orgs',
  recruitment: '/recruitment',
  activities: '/activities',
  compliance: '/compliance',
  alerts: '/alerts',
  rectifications: '/rectifications',
  'supervised-tasks': '/supervised-tasks',
} as const satisfies Record<OverviewListPage, string>;

/** The route (with its query) of the list the server says counts exactly a figure's items. */
export function linkTo(link: OverviewLink): string {
  const query = new URLSearchParams(link.params).toString();
  return query ? `${listPaths[link.page]}?${query}` : listPaths[link.page];
}
