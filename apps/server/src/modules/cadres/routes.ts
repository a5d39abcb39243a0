import {
  cadreDetail,
  cadreListQuery,
  cadrePage,
  cadreRotationBody,
  cadreTermSettingsBody,
  cadreTermSettingsResponse,
  createCadreBody,
  idParams,
  updateCadreBody,
} from '@dangjian/core';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { getCadreTermSettings, updateCadreTermSettings } from '../settings/service.ts';
import * as svc from './service.ts';

const tags = ['干部'];

/** 中层干部 roster: list with filters, one cadre's file with every post, adding a cadre, posts and 免职. */
export function cadreRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/cadres', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '中层干部名册（组织部、校领导）：可按单位、正职/副职、党务/行政/双肩挑、是否在试用期、任现职年限、姓名筛选',
      querystring: cadreListQuery,
      response: { 200: cadrePage },
    },
    handler: (req) => svc.listCadres(db, req.query, clock.today()),
  });

  app.post('/api/cadres', {
    config: { permission: 'cadre:file:manage', audit: 'cadre.create' },
    schema: {
      tags,
      summary: '干部名册增加一名干部（关联人员档案，党员或非党员）及其现任职务',
      body: createCadreBody,
      response: { 201: cadreDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createCadre(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getCadreDetail(db, req.actor!, id, clock.today());
    },
  });

  app.get('/api/cadres/:id', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '干部档案：现任职务（交叉任职）、全部任职经历',
      params: idParams,
      response: { 200: cadreDetail },
    },
    handler: (req) => svc.getCadreDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.patch('/api/cadres/:id', {
    config: { permission: 'cadre:file:manage', audit: 'cadre.update' },
    schema: {
      tags,
      summary: '修改干部档案：备注、增加任职（交叉任职）、免去职务（保留为任职经历）',
      params: idParams,
      body: updateCadreBody,
      response: { 200: cadreDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateCadre(trx, req.params.id, req.body, clock.now(), change),
      );
      return svc.getCadreDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/cadres/:id/rotations', {
    config: { permission: 'cadre:file:manage', audit: 'cadre.rotate' },
    schema: {
      tags,
      summary:
        '交流轮岗：原任职务于当日免去（保留为任职经历），新任职务当日任职，记录方式（交流/轮岗）和文号，一并办理',
      params: idParams,
      body: cadreRotationBody,
      response: { 201: cadreDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.rotateCadre(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getCadreDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.get('/api/settings/cadre-terms', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '干部任期与交流设置：任期年限、同一职位连续任期上限、满多少年应当交流、提前提醒月数',
      response: { 200: cadreTermSettingsResponse },
    },
    handler: () => getCadreTermSettings(db),
  });

  app.put('/api/settings/cadre-terms', {
    config: { permission: 'cadre:file:manage', audit: 'setting.cadre_terms.update' },
    schema: {
      tags,
      summary: '修改干部任期与交流设置（组织部）',
      body: cadreTermSettingsBody,
      response: { 200: cadreTermSettingsResponse },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        updateCadreTermSettings(trx, req.body, req.actor!.userId, clock.now(), change),
      ),
  });
}
