import {
  archiveOrgBody,
  createAppointmentBody,
  createOrgBody,
  createTermBody,
  endAppointmentBody,
  idParams,
  moveOrgBody,
  orgDetail,
  orgListItem,
  orgListQuery,
  updateOrgBody,
  updateTermBody,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import * as svc from './service.ts';

const tags = ['党组织'];

/** Org tree, terms and posts. */
export function orgRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/orgs', {
    config: { permission: 'org:org:view' },
    schema: {
      tags,
      summary: '党组织列表（当前用户范围内，扁平，前端组装为树）',
      querystring: orgListQuery,
      response: { 200: z.array(orgListItem) },
    },
    handler: (req) => svc.listOrgs(db, req.actor!, req.query),
  });

  app.post('/api/orgs', {
    config: { permission: 'org:org:create', audit: 'org.create' },
    schema: { tags, summary: '新建党组织', body: createOrgBody, response: { 201: orgDetail } },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createOrg(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getOrgDetail(db, req.actor!, id, clock.today());
    },
  });

  app.get('/api/orgs/:id', {
    config: { permission: 'org:org:view' },
    schema: {
      tags,
      summary: '党组织详情（含班子、届次、能力）',
      params: idParams,
      response: { 200: orgDetail },
    },
    handler: (req) => svc.getOrgDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.patch('/api/orgs/:id', {
    config: { permission: 'org:org:edit', audit: 'org.update' },
    schema: {
      tags,
      summary: '修改党组织',
      params: idParams,
      body: updateOrgBody,
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateOrg(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/orgs/:id/move', {
    config: { permission: 'org:org:move', audit: 'org.move' },
    schema: {
      tags,
      summary: '调整党组织隶属关系（连同下级）',
      params: idParams,
      body: moveOrgBody,
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.moveOrg(trx, req.actor!, req.params.id, req.body.parentId, req.body.version, clock.now(), change),
      );
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/orgs/:id/archive', {
    config: { permission: 'org:org:archive', audit: 'org.archive' },
    schema: {
      tags,
      summary: '撤销（归档）党组织，不删除历史',
      params: idParams,
      body: archiveOrgBody,
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.archiveOrg(
          trx,
          req.actor!,
          req.params.id,
          req.body.reason,
          req.body.version,
          clock.today(),
          clock.now(),
          change,
        ),
      );
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/orgs/:id/restore', {
    config: { permission: 'org:org:archive', audit: 'org.restore' },
    schema: {
      tags,
      summary: '恢复已撤销的党组织',
      params: idParams,
      body: z.strictObject({ version: z.number().int().min(0) }),
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.restoreOrg(trx, req.actor!, req.params.id, req.body.version, clock.now(), change),
      );
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/orgs/:id/terms', {
    config: { permission: 'org:team:edit', audit: 'term.create' },
    schema: {
      tags,
      summary: '录入新一届班子（换届）',
      params: idParams,
      body: createTermBody,
      response: { 201: orgDetail },
    },
    handler: async (req, reply) => {
      const body = {
        ...req.body,
        team: req.body.team.map((m) => ({ personId: m.personId, post: m.post })),
      };
      await runWrite(db, req, (trx, change) => svc.createTerm(trx, req.actor!, req.params.id, body, change));
      reply.status(201);
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.patch('/api/terms/:id', {
    config: { permission: 'org:team:edit', audit: 'term.update' },
    schema: {
      tags,
      summary: '登记换届请示、延期换届或更正届满日期',
      params: idParams,
      body: updateTermBody,
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      const orgId = await runWrite(db, req, (trx, change) =>
        svc.updateTerm(trx, req.actor!, req.params.id, req.body, clock.today(), change),
      );
      return svc.getOrgDetail(db, req.actor!, orgId, clock.today());
    },
  });

  app.post('/api/orgs/:id/appointments', {
    config: { permission: 'org:team:edit', audit: 'appointment.create' },
    schema: {
      tags,
      summary: '任命职务（班子职务、组织员、党小组长）',
      params: idParams,
      body: createAppointmentBody,
      response: { 201: orgDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.createAppointment(trx, req.actor!, req.params.id, req.body, change),
      );
      reply.status(201);
      return svc.getOrgDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/appointments/:id/end', {
    config: { permission: 'org:team:edit', audit: 'appointment.end' },
    schema: {
      tags,
      summary: '免去职务',
      params: idParams,
      body: endAppointmentBody,
      response: { 200: orgDetail },
    },
    handler: async (req) => {
      const orgId = await runWrite(db, req, (trx, change) =>
        svc.endAppointment(trx, req.actor!, req.params.id, req.body.endDate, change),
      );
      return svc.getOrgDetail(db, req.actor!, orgId, clock.today());
    },
  });
}
