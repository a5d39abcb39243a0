/** True when `value` is one of `list` (string-literal unions from core dictionaries). */
export function isOneOf<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return value != null && (list as readonly string[]).includes(value);
}
