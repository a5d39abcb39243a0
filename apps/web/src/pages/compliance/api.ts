import type { ComplianceMatrixResponse, ComplianceRatesResponse, ComplianceReminders } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface ComplianceParams {
  orgId?: number | undefined;
  unit: 'month' | 'quarter';
  /** The window's first and last day; the server's default is the last 12 months. */
  from?: string | undefined;
  to?: string | undefined;
}

export const complianceKeys = {
  all: ['compliance'] as const,
  matrix: (p: ComplianceParams) => ['compliance', 'matrix', p] as const,
  reminders: ['compliance', 'reminders'] as const,
  rates: (year?: number) => ['compliance', 'rates', year ?? null] as const,
};

/** The matrix of the caller's scope (`GET /api/compliance`). */
export function useComplianceMatrix(params: ComplianceParams) {
  return useQuery({
    queryKey: complianceKeys.matrix(params),
    queryFn: ({ signal }) =>
      api.get<ComplianceMatrixResponse>(
        '/api/compliance',
        { orgId: params.orgId, unit: params.unit, from: params.from, to: params.to },
        { signal },
      ),
  });
}

/** Deadlines and planned records of the next 14 days (`GET /api/compliance/reminders`). */
export function useReminders(enabled = true) {
  return useQuery({
    queryKey: complianceKeys.reminders,
    queryFn: ({ signal }) => api.get<ComplianceReminders>('/api/compliance/reminders', undefined, { signal }),
    enabled,
  });
}

/** Rates per 党总支 for a year (`GET /api/compliance/rates`). */
export function useComplianceRates(year?: number) {
  return useQuery({
    queryKey: complianceKeys.rates(year),
    queryFn: ({ signal }) => api.get<ComplianceRatesResponse>('/api/compliance/rates', { year }, { signal }),
  });
}
