import { useEffect, useRef } from 'react';

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** Shared between tabs so that activity in one tab keeps the others signed in too. */
const storageKey = 'dangjian.lastActivity';
const checkEveryMs = 15_000;
const recordEveryMs = 5_000;

function readShared(): number {
  try {
    return Number(window.localStorage.getItem(storageKey)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(at: number): void {
  try {
    window.localStorage.setItem(storageKey, String(at));
  } catch {
    // Private mode or storage disabled: the per-tab timer still works.
  }
}

/**
 * Calls `onIdle` once after `minutes` without keyboard, pointer or scroll activity in any tab.
 * Pass `null` to switch the timer off (signed out). The server enforces the same limit.
 */
export function useIdleTimeout(minutes: number | null, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  useEffect(() => {
    if (minutes === null || minutes <= 0) return;
    const limitMs = minutes * 60_000;
    let last = Date.now();
    let lastRecorded = 0;
    let fired = false;
    writeShared(last);

    const onActivity = () => {
      last = Date.now();
      if (last - lastRecorded > recordEveryMs) {
        lastRecorded = last;
        writeShared(last);
      }
    };
    const check = () => {
      if (fired) return;
      const latest = Math.max(last, readShared());
      if (Date.now() - latest >= limitMs) {
        fired = true;
        onIdleRef.current();
      }
    };

    for (const name of activityEvents)
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, checkEveryMs);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [minutes]);
}
