/**
 * A list page's filters and page live in the URL (shareable, kept on reload and back): reading them leniently
 * (anything unknown is dropped) and changing them (a changed filter sends the list back to its first page).
 */

/** A whole number above 0 from the URL, at most `max`; `fallback` for anything else. */
export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

/** The URL after a change of filters: an empty value removes its key; a change without `page` returns to page 1. */
export function patchSearch(
  prev: URLSearchParams,
  patch: Readonly<Record<string, string | number | undefined>>,
): URLSearchParams {
  const next = new URLSearchParams(prev);
  if (!('page' in patch)) next.delete('page');
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}
