import { type RawBuilder, sql } from 'kysely';
import { escapeLike } from './scope.ts';

/**
 * The global search's shared mechanics, below the modules: each module's repo runs its own query (one per
 * kind) with these patterns, and its service presents the rows as hits.
 */

/** What a module's search matches: the text anywhere (ILIKE, wildcards escaped), at the start, or exactly. */
export interface SearchText {
  /** The trimmed text as typed. */
  text: string;
  /** `%text%` with `%`, `_` and `\` escaped. */
  contains: string;
  /** `text%`, escaped: a hit that starts with the text ranks before one that only contains it. */
  prefix: string;
  /** The text as a full ID number (exact match on the stored value only), or null. */
  idNumber: string | null;
  /**
   * `ilike` when the text has letters with a case (Latin), else `like`: the same matches for Chinese text at
   * half the cost of case folding on a sequential scan (measured on the 10× demo's 57,000 records).
   */
  like: 'like' | 'ilike';
}

/** One page of one kind's hits. */
export interface SearchPage {
  limit: number;
  offset: number;
}

/** The patterns of a search text. */
export function searchText(text: string, idNumber: string | null): SearchText {
  const escaped = escapeLike(text);
  const like = text.toLowerCase() === text.toUpperCase() ? 'like' : 'ilike';
  return { text, contains: `%${escaped}%`, prefix: `${escaped}%`, idNumber, like };
}

/**
 * The names of the orgs on a materialised path column ('/1/5/9/'), root first and the org itself last, each by
 * its short name when it has one (as the member page's trail does): the subtitle of a hit. Looked up by primary
 * key, so it costs a few index reads per hit on the page.
 */
export function orgTrailNames(pathColumn: string): RawBuilder<string[]> {
  const ids = sql`string_to_array(trim(both '/' from ${sql.ref(pathColumn)}), '/')::int[]`;
  return sql<
    string[]
  >`(select coalesce(array_agg(coalesce(t.short_name, t.name) order by t.depth), '{}') from org t where t.id = any(${ids}))`;
}

/**
 * A page of hits with the total of all matches: the repo's query carries the total on every row (a window
 * count), so only a page past the end needs a second, one-row query to learn it.
 */
export async function pageOfHits<R extends { total: number | string }>(
  fetch: (page: SearchPage) => Promise<R[]>,
  page: SearchPage,
): Promise<{ total: number; rows: R[] }> {
  const rows = await fetch(page);
  const first = rows[0] ?? (page.offset > 0 ? (await fetch({ limit: 1, offset: 0 }))[0] : undefined);
  return { total: Number(first?.total ?? 0), rows };
}

/** The trail as a subtitle shows it: names joined by ' / ', the college's 党委 left out below it. */
export function trailText(names: readonly string[], keepRoot = false): string {
  return (keepRoot || names.length < 2 ? names : names.slice(1)).join(' / ');
}
