import { idParams, personOption, personQuery, updateDualLeaderBody } from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { listPeople, setDualLeader } from './service.ts';

const tags = ['人员'];

/** People pickers (scoped) and the 双带头人 flag of a secretary. */
export function peopleRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/people', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '人员选择（当前用户范围内的在册党员）',
      querystring: personQuery,
      response: { 200: z.array(personOption) },
    },
    handler: (req) => listPeople(db, req.actor!, req.query),
  });

  app.patch('/api/people/:id/dual-leader', {
    config: { permission: 'org:team:edit', audit: 'person.dual-leader' },
    schema: {
      tags,
      summary: '认定或取消“双带头人”',
      params: idParams,
      body: updateDualLeaderBody,
      response: { 200: personOption },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        setDualLeader(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      ),
  });
}
