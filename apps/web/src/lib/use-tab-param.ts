import { useSearchParams } from 'react-router';
import { isOneOf } from './enums';

/**
 * The active tab of a page, kept in the URL as `?tab=` (the first key is the default and leaves the
 * URL clean), so a reload or a shared link opens the same tab.
 */
export function useTabParam<K extends string>(keys: readonly [K, ...K[]]): [K, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab = isOneOf(keys, raw) ? raw : keys[0];
  const setTab = (key: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key === keys[0]) next.delete('tab');
        else next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  return [tab, setTab];
}
