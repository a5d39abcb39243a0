import {
  createMajorBody,
  createUnitBody,
  idParams,
  majorSchema,
  unitSchema,
  updateUnitBody,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import * as svc from './service.ts';

const tags = ['单位与专业'];

/** Units (二级学院/部门) and the majors branches are built on. */
export function unitRoutes(app: App, { db }: Deps): void {
  app.get('/api/units', {
    config: { permission: 'org:org:view' },
    schema: { tags, summary: '单位（二级学院、部门）列表', response: { 200: z.array(unitSchema) } },
    handler: () => svc.listUnits(db),
  });

  app.post('/api/units', {
    config: { permission: 'org:unit:edit', audit: 'unit.create' },
    schema: { tags, summary: '新建单位', body: createUnitBody, response: { 201: unitSchema } },
    handler: async (req, reply) => {
      const unit = await runWrite(db, req, (trx, change) => svc.createUnit(trx, req.body, change));
      reply.status(201);
      return unit;
    },
  });

  app.patch('/api/units/:id', {
    config: { permission: 'org:unit:edit', audit: 'unit.update' },
    schema: {
      tags,
      summary: '修改单位',
      params: idParams,
      body: updateUnitBody,
      response: { 200: unitSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) => svc.updateUnit(trx, req.params.id, req.body, change)),
  });

  app.get('/api/majors', {
    config: { permission: 'org:org:view' },
    schema: { tags, summary: '专业、专业群列表', response: { 200: z.array(majorSchema) } },
    handler: () => svc.listMajors(db),
  });

  app.post('/api/majors', {
    config: { permission: 'org:unit:edit', audit: 'major.create' },
    schema: { tags, summary: '新建专业或专业群', body: createMajorBody, response: { 201: majorSchema } },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) => svc.createMajor(trx, req.body, change));
      reply.status(201);
      const [major] = await svc.listMajors(db, [id]);
      return major!;
    },
  });
}
