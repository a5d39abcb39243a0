import { z } from 'zod';
import { limits } from '../limits.ts';
import { normaliseIdNumber } from '../members/id-number.ts';
import type { PermissionCode } from '../permissions.ts';
import { text } from './common.ts';

/** What the global search finds, in the order the results show them. */
export const searchKinds = ['member', 'org', 'activity', 'dossier'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchKindLabels = {
  member: '党员',
  org: '党组织',
  activity: '组织生活',
  dossier: '发展党员档案',
} as const satisfies Record<SearchKind, string>;

/** The permission a kind of result needs: without it the kind is not searched at all. */
export const searchKindPermissions = {
  member: 'member:member:view',
  org: 'org:org:view',
  activity: 'life:activity:view',
  dossier: 'recruitment:dossier:view',
} as const satisfies Record<SearchKind, PermissionCode>;

/** Bounds of a search: the text (the lists' search limit), hits per kind, paging of one kind. */
export const searchLimits = {
  text: { min: 1, max: limits.search.max },
  /** Hits per kind the header shows. */
  perKind: 5,
  /** Most hits per kind one request may ask for (the search page's page size is within it). */
  maxPerKind: 50,
  maxOffset: 10_000,
} as const;

/** GET /api/search: the text (trimmed), optionally one kind, hits per kind and the offset within a kind. */
export const searchQuery = z.strictObject({
  q: text(searchLimits.text.min, searchLimits.text.max),
  kind: z.enum(searchKinds).optional(),
  limit: z.coerce.number().int().min(1).max(searchLimits.maxPerKind).default(searchLimits.perKind),
  offset: z.coerce.number().int().min(0).max(searchLimits.maxOffset).default(0),
});
export type SearchQuery = z.input<typeof searchQuery>;

/** One thing found: what it is called, where it sits (an org path, a date…) and the page that opens it. */
export const searchHit = z.object({
  kind: z.enum(searchKinds),
  id: z.number(),
  title: z.string(),
  subtitle: z.string(),
  /** A path of the web app. */
  link: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;

/** The hits of one kind: how many match in all, and the page of them asked for. */
export const searchGroup = z.object({
  kind: z.enum(searchKinds),
  label: z.string(),
  total: z.number(),
  items: z.array(searchHit),
});
export type SearchGroup = z.infer<typeof searchGroup>;
/** What a module's search answers for its kind: the total and the page of hits. */
export type SearchHits = Pick<SearchGroup, 'total' | 'items'>;

/**
 * The answer: one group per kind the caller may search (or only the kind asked for), in `searchKinds` order.
 * The text is not echoed: it may be an ID number.
 */
export const searchResponse = z.object({ groups: z.array(searchGroup) });
export type SearchResponse = z.infer<typeof searchResponse>;

/**
 * The ID number a search text is, when it is one in full (18 characters, typed with spaces, full-width or a
 * lower-case x); null otherwise. Only a full number is matched, exactly: part of a masked field finds nobody.
 */
export function searchedIdNumber(q: string): string | null {
  const id = normaliseIdNumber(q);
  return /^\d{17}[\dX]$/.test(id) ? id : null;
}
