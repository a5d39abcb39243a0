import { useCallback, useSyncExternalStore } from 'react';

/** True while the CSS media query matches; follows changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phones and narrow windows (≤ 768 px): the side menu becomes a drawer. */
export function useIsNarrow(): boolean {
  return useMediaQuery('(max-width: 768px)');
}
