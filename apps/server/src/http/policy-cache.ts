import type { SecurityPolicy } from '@dangjian/core';
import { getSecurityPolicy } from '../modules/settings/service.ts';
import type { Db } from './context.ts';

/** The security policy, re-read at most every few seconds and at once after a change. */
export interface PolicyCache {
  get(): Promise<SecurityPolicy>;
  invalidate(): void;
}

export function createPolicyCache(db: Db, ttlMs = 5000): PolicyCache {
  let cached: { value: SecurityPolicy; at: number } | null = null;
  return {
    async get() {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const value = await getSecurityPolicy(db);
      cached = { value, at: Date.now() };
      return value;
    },
    invalidate() {
      cached = null;
    },
  };
}
