import { lifeRuleIds } from '@dangjian/core';
import type { FindingsProvider } from '../../http/findings.ts';
import { getRuleSettings } from '../settings/service.ts';
import { lifeFindings } from './service.ts';

/** The rules of organisational life (三会一课, 组织生活会, 谈心谈话, absences) as a findings provider. */
export const lifeFindingsProvider: FindingsProvider = {
  id: 'life',
  ruleIds: lifeRuleIds,
  reads: ['org', 'term', 'person', 'appointment', 'activity', 'member_appraisal'],
  evaluate: async (db, today, orgIds) => lifeFindings(db, today, await getRuleSettings(db), orgIds),
};
