import {
  type SearchHits,
  type SearchKind,
  type SearchResponse,
  searchedIdNumber,
  searchKindLabels,
  searchKindPermissions,
  searchKinds,
  type searchQuery,
} from '@dangjian/core';
import type { z } from 'zod';
import type { Actor, Db } from '../../http/context.ts';
import { type SearchPage, type SearchText, searchText } from '../../http/search.ts';
import { searchActivities } from '../activities/service.ts';
import { searchMembers } from '../members/service.ts';
import { searchOrgs } from '../org/service.ts';
import { searchDossiers } from '../recruitment/service.ts';

type Searcher = (db: Db, actor: Actor, s: SearchText, page: SearchPage) => Promise<SearchHits>;

/** Each kind is searched by the module that owns it, within the actor's scope. */
const searchers = {
  member: searchMembers,
  org: searchOrgs,
  activity: searchActivities,
  dossier: searchDossiers,
} as const satisfies Record<SearchKind, Searcher>;

/**
 * The global search: one query per kind the actor may view (its view permission), each limited to the scope
 * the kind's list shows; a kind without the permission is left out, so it neither appears nor counts.
 */
export async function search(
  db: Db,
  actor: Actor,
  query: z.output<typeof searchQuery>,
): Promise<SearchResponse> {
  const s = searchText(query.q, searchedIdNumber(query.q));
  const page = { limit: query.limit, offset: query.offset };
  const kinds = searchKinds.filter(
    (k) => (query.kind === undefined || query.kind === k) && actor.permissions.has(searchKindPermissions[k]),
  );
  const groups = await Promise.all(
    kinds.map(async (kind) => ({
      kind,
      label: searchKindLabels[kind],
      ...(await searchers[kind](db, actor, s, page)),
    })),
  );
  return { groups };
}
