import type { GoLiveSettings, RuleSettings } from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { alertKeys } from '../alerts/api';
import { dashboardKeys } from '../dashboard/api';
import { orgKeys } from '../orgs/api';

export const ruleSettingKeys = {
  all: ['settings', 'rules'] as const,
  goLive: ['settings', 'go-live'] as const,
};

/** The school's thresholds of the org rules. */
export function useRuleSettings() {
  return useQuery({
    queryKey: ruleSettingKeys.all,
    queryFn: ({ signal }) => api.get<RuleSettings>('/api/settings/rules', undefined, { signal }),
  });
}

/** Saves the thresholds; every finding may change, so alerts, counts and the tree are reloaded. */
export function useSaveRuleSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleSettings) => api.put<RuleSettings>('/api/settings/rules', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(ruleSettingKeys.all, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.all }),
        queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
      ]);
    },
  });
}

/** The school's 启用日期 and the rules' own starts. */
export function useGoLiveSettings() {
  return useQuery({
    queryKey: ruleSettingKeys.goLive,
    queryFn: ({ signal }) => api.get<GoLiveSettings>('/api/settings/go-live', undefined, { signal }),
  });
}

/** Saves the go-live dates; findings of earlier periods appear or disappear, so alerts are reloaded. */
export function useSaveGoLiveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoLiveSettings) => api.put<GoLiveSettings>('/api/settings/go-live', body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(ruleSettingKeys.goLive, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.all }),
        queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
      ]);
    },
  });
}
