import type { SecurityPolicy } from '@dangjian/core';

/** The security policy, re-read at most every few seconds and at once after a change. */
export interface PolicyCache {
  get(): Promise<SecurityPolicy>;
  invalidate(): void;
}

/** `load` reads the policy (the settings module's, passed in by app.ts: the platform imports no module). */
export function createPolicyCache(load: () => Promise<SecurityPolicy>, ttlMs = 5000): PolicyCache {
  let cached: { value: SecurityPolicy; at: number } | null = null;
  return {
    async get() {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const value = await load();
      cached = { value, at: Date.now() };
      return value;
    },
    invalidate() {
      cached = null;
    },
  };
}
