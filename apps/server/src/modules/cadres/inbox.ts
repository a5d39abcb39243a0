/**
 * What the roster leaves waiting (待办) for the 组织部 (cadre:file:manage): each current post whose 10 years fall
 * due within the reminder months (or are past), and each term ending within them or ended without a
 * reappointment or 免职 — from the same facts and rules as the findings. Nothing is stored.
 */
import type { InboxItem } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { cadreTermFacts, cadreTermFindings } from './service.ts';

export const cadreInboxProvider: InboxProvider = {
  id: 'cadre',
  async items(db, actor, today) {
    if (!actor.permissions.has('cadre:file:manage')) return [];
    const findings = await cadreTermFindings(db, today, null);
    if (findings.length === 0) return [];
    const cadreOf = new Map((await cadreTermFacts(db)).map((c) => [c.personId, c.cadreId]));
    return findings.map((f): InboxItem => {
      const rotation = f.ruleId === 'cadre.rotation_due' || f.ruleId === 'cadre.rotation_soon';
      const cadreId = f.personId === undefined ? undefined : cadreOf.get(f.personId);
      return {
        kind: rotation ? 'cadre.rotation' : 'cadre.term',
        title: `${rotation ? '干部交流' : '任期届满'}：${f.message.split('，')[0]}`,
        detail: `${f.message}${f.suggestion}`,
        orgName: f.orgName,
        link: cadreId ? `/cadres/${cadreId}` : '/cadres',
        dueDate: f.dueDate ?? null,
        overdue: f.dueDate !== undefined && f.dueDate < today,
      };
    });
  },
};
