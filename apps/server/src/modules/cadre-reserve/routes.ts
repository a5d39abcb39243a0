import {
  createReserveCandidateBody,
  createReservePlanItemBody,
  createReserveRotationBody,
  createReserveSecondmentBody,
  idParams,
  reserveCandidateDetail,
  reserveCandidatePage,
  reserveListQuery,
  reservePlanItemParams,
  reserveRosterQuery,
  reserveSettingsBody,
  reserveSettingsSchema,
  reserveStepBody,
  updateReserveCandidateBody,
  updateReservePlanItemBody,
} from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { getReserveSettings, updateReserveSettings } from '../settings/service.ts';
import { buildReserveRoster } from './documents.ts';
import * as svc from './service.ts';

const tags = ['干部'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/**
 * 年轻干部储备 (后备干部): the pool (list, 后备干部名册 xlsx), a candidate (detail, edit), its status steps, plan
 * items, 挂职 and 轮岗 records, and the school's reserve settings. Every write answers the candidate's detail.
 */
export function cadreReserveRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/cadre-reserve', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '后备干部库（组织部、校领导）：可按状态、后备层级、培养事项逾期、超过年龄条件、姓名筛选；附库的下次动态调整日期',
      querystring: reserveListQuery,
      response: { 200: reserveCandidatePage },
    },
    handler: (req) => svc.listCandidates(db, req.query, clock.today()),
  });

  app.get('/api/cadre-reserve/roster.xlsx', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '下载后备干部名册（Excel，按列表当前的筛选条件）',
      querystring: reserveRosterQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildReserveRoster(db, req.query, clock.today());
      return sendDownload(reply, xlsxContentType, fileName, buffer, `cadre-reserve-${clock.today()}.xlsx`);
    },
  });

  app.get('/api/cadre-reserve/settings', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '后备干部设置：各层级年龄条件、动态调整间隔与提醒、挂职期限',
      response: { 200: reserveSettingsSchema },
    },
    handler: () => getReserveSettings(db),
  });

  app.put('/api/cadre-reserve/settings', {
    config: { permission: 'cadre:file:manage', audit: 'setting.cadre_reserve.update' },
    schema: {
      tags,
      summary: '修改后备干部设置（组织部）：正科级、副科级后备年龄上限，动态调整间隔，挂职最短、最长期限',
      body: reserveSettingsBody,
      response: { 200: reserveSettingsSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        updateReserveSettings(trx, req.body, req.actor!.userId, clock.now(), change),
      ),
  });

  app.post('/api/cadre-reserve', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.create' },
    schema: {
      tags,
      summary: '提名后备干部：关联人员档案，注明后备层级（正科级、副科级）、提名日期和推荐方式',
      body: createReserveCandidateBody,
      response: { 201: reserveCandidateDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createCandidate(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getCandidateDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/cadre-reserve/:id', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '后备干部档案：状态与经过、培养计划、挂职和轮岗经历、学时（取自培训记录）、已任职务（干部名册），及可做的操作',
      params: idParams,
      response: { 200: reserveCandidateDetail },
    },
    handler: (req) => svc.getCandidateDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.patch('/api/cadre-reserve/:id', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.update' },
    schema: {
      tags,
      summary: '修改后备干部档案：后备层级（入库前）、推荐方式、备注',
      params: idParams,
      body: updateReserveCandidateBody,
      response: { 200: reserveCandidateDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateCandidate(trx, req.params.id, req.body, clock.now(), change),
      );
      return svc.getCandidateDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/cadre-reserve/:id/steps', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.step' },
    schema: {
      tags,
      summary:
        '后备干部状态：入库（核对年龄条件）、开始培养（须有培养计划）、年度动态调整（保留）、提任使用（写明职务）、调出（写明理由）',
      params: idParams,
      body: reserveStepBody,
      response: { 200: reserveCandidateDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.stepCandidate(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getCandidateDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/cadre-reserve/:id/plan-items', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.plan_item' },
    schema: {
      tags,
      summary: '培养计划增加一项：学习培训、实践锻炼（挂职）、轮岗交流或导师帮带，及完成时限',
      params: idParams,
      body: createReservePlanItemBody,
      response: { 201: reserveCandidateDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.addPlanItem(trx, req.params.id, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getCandidateDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.patch('/api/cadre-reserve/:id/plan-items/:itemId', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.plan_item' },
    schema: {
      tags,
      summary: '培养计划事项：登记完成日期（或撤销完成），调整完成时限',
      params: reservePlanItemParams,
      body: updateReservePlanItemBody,
      response: { 200: reserveCandidateDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.updatePlanItem(trx, req.params.id, req.params.itemId, req.body, today, clock.now(), change),
      );
      return svc.getCandidateDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/cadre-reserve/:id/secondments', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.secondment' },
    schema: {
      tags,
      summary: '登记挂职：挂职单位、职务、起止日期（期限按设置，默认6个月至2年）',
      params: idParams,
      body: createReserveSecondmentBody,
      response: { 201: reserveCandidateDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.addSecondment(trx, req.params.id, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getCandidateDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/cadre-reserve/:id/rotations', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_reserve.rotation' },
    schema: {
      tags,
      summary: '登记轮岗：原岗位、轮岗单位和岗位、轮岗日期',
      params: idParams,
      body: createReserveRotationBody,
      response: { 201: reserveCandidateDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.addRotation(trx, req.params.id, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getCandidateDetail(db, req.actor!, req.params.id, today);
    },
  });
}
