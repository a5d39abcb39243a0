import { useEffect, useState } from 'react';

/** `value` once it has stayed the same for `ms` milliseconds (typing settles before a query goes out). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
