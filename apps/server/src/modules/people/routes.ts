import {
  AppError,
  idParams,
  type PersonOption,
  personOption,
  personQuery,
  updateDualLeaderBody,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { assertInScope, pathInScope } from '../../http/scope.ts';
import { runWrite } from '../../http/write.ts';
import { subtreePathInScope } from '../org/service.ts';

const tags = ['人员'];

/** Columns a PersonOption is presented from (person `p` joined to org `o`). */
const personOptionColumns = [
  'p.id',
  'p.name',
  'p.org_id',
  'o.name as org_name',
  'p.party_status',
  'p.category',
  'p.is_dual_leader',
] as const;

type PersonRow = {
  id: number;
  name: string;
  org_id: number | null;
  org_name: string | null;
  party_status: string | null;
  category: string;
  is_dual_leader: boolean;
};
function present(p: PersonRow): PersonOption {
  return {
    id: p.id,
    name: p.name,
    orgId: p.org_id,
    orgName: p.org_name,
    partyStatus: p.party_status as PersonOption['partyStatus'],
    category: p.category,
    isDualLeader: p.is_dual_leader,
  };
}

/** People pickers (scoped) and the 双带头人 flag of a secretary. */
export function peopleRoutes(app: App, { db }: Deps): void {
  app.get('/api/people', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '人员选择（当前用户范围内的在册党员）',
      querystring: personQuery,
      response: { 200: z.array(personOption) },
    },
    handler: async (req) => {
      let q = db
        .selectFrom('person as p')
        .innerJoin('org as o', 'o.id', 'p.org_id')
        .select(personOptionColumns)
        .where('p.status', '=', 'active')
        .where(pathInScope(req.actor!.scope, 'o.path'));
      if (req.query.orgId) {
        const path = await subtreePathInScope(db, req.actor!, req.query.orgId);
        q = q.where('o.path', 'like', `${path}%`);
      }
      if (req.query.q) q = q.where('p.name', 'like', `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const rows = await q.orderBy('p.name').orderBy('p.id').limit(req.query.limit).execute();
      return rows.map(present);
    },
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
    handler: async (req) =>
      runWrite(db, req, async (trx, change) => {
        const before = await trx
          .selectFrom('person as p')
          .innerJoin('org as o', 'o.id', 'p.org_id')
          .select(['p.id', 'p.name', 'p.is_dual_leader', 'p.dual_leader_note', 'p.category', 'o.path'])
          .where('p.id', '=', req.params.id)
          .forUpdate('p')
          .executeTakeFirst();
        assertInScope(req.actor!.scope, before?.path);
        if (req.body.isDualLeader && before!.category !== 'staff')
          throw new AppError('RULE_VIOLATION', '“双带头人”只适用于教师党员');
        await trx
          .updateTable('person')
          .set({
            is_dual_leader: req.body.isDualLeader,
            dual_leader_note: req.body.dualLeaderNote ?? null,
            updated_at: new Date(),
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', req.params.id)
          .execute();
        Object.assign(change, {
          targetType: 'person',
          targetId: req.params.id,
          summary: `${req.body.isDualLeader ? '认定' : '取消'}“双带头人”：${before!.name}`,
          before: { isDualLeader: before!.is_dual_leader, note: before!.dual_leader_note },
          after: req.body,
        });
        const row = await trx
          .selectFrom('person as p')
          .leftJoin('org as o', 'o.id', 'p.org_id')
          .select(personOptionColumns)
          .where('p.id', '=', req.params.id)
          .executeTakeFirstOrThrow();
        return present(row);
      }),
  });
}
