import type { Me, PermissionCode } from '@dangjian/core';
import { useCallback } from 'react';
import { useAuth } from './auth';

/** True when the signed-in user holds `code`. The server decides; this only hides what would be refused. */
export function hasPermission(me: Me | null, code: PermissionCode): boolean {
  return me?.permissions.includes(code) ?? false;
}

/** True when the user holds at least one of `codes`. */
export function hasAnyPermission(me: Me | null, codes: readonly PermissionCode[]): boolean {
  return codes.some((code) => hasPermission(me, code));
}

/** Hook returning a `can(code)` check bound to the current session. */
export function useCan(): (code: PermissionCode) => boolean {
  const { me } = useAuth();
  return useCallback((code: PermissionCode) => hasPermission(me, code), [me]);
}
