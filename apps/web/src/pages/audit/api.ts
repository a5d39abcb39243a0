import type { AuditEntry, AuditVerifyResult, Page, SignedAuditCheckpoint } from '@dangjian/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Filters and paging of the audit log. */
export interface AuditParams {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  page: number;
  pageSize: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditParams) => ['audit', 'list', params] as const,
};

/** One page of the operation log. */
export function useAuditLog(params: AuditParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) =>
      api.get<Page<AuditEntry>>(
        '/api/audit-log',
        {
          from: params.from,
          to: params.to,
          actor: params.actor,
          action: params.action,
          targetType: params.targetType,
          outcome: params.outcome,
          page: params.page,
          pageSize: params.pageSize,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** Re-checks the keyed hash chain of the whole log, and a checkpoint the auditor kept when one is given. */
export function useVerifyAuditLog() {
  return useMutation({
    mutationFn: (checkpoint?: SignedAuditCheckpoint) =>
      api.post<AuditVerifyResult>('/api/audit-log/verify', checkpoint ? { checkpoint } : {}),
  });
}

/** A checkpoint of the chain's head signed by the platform, to download and keep. */
export function useAuditCheckpoint() {
  return useMutation({ mutationFn: () => api.get<SignedAuditCheckpoint>('/api/audit-log/checkpoint') });
}
