import {
  createInspectionBody,
  idParams,
  inspectionDetail,
  inspectionFeedbackBody,
  inspectionListQuery,
  inspectionLookbackBody,
  inspectionPage,
  inspectionReportBody,
  inspectionReturnBody,
  inspectionUnitParams,
  updateInspectionBody,
} from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildInspectionLedger } from './documents.ts';
import * as svc from './service.ts';

const tags = ['巡察'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/**
 * 巡察 (inspections): rounds (list, detail, register, correct), a unit's feedback, 整改报告, its return and the
 * 回头看, and the round's 巡察整改台账.
 */
export function inspectionRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/inspections', {
    config: { permission: 'inspection:round:view' },
    schema: {
      tags,
      summary:
        '巡察轮次列表（有被巡察单位在当前用户范围内的轮次，最近的在前）：每轮只列出用户可见的被巡察单位及其状态、整改报告期限',
      querystring: inspectionListQuery,
      response: { 200: inspectionPage },
    },
    handler: (req) => svc.listInspections(db, req.actor!, req.query, clock.today()),
  });

  app.post('/api/inspections', {
    config: { permission: 'inspection:round:manage', audit: 'inspection.create' },
    schema: {
      tags,
      summary:
        '登记巡察轮次（巡察办）：名称、类型、起止日期、被巡察单位（党总支、直属党支部，专项巡察也可为党支部）、巡察组、整改报告期限（反馈后1–2个月）和回头看时间',
      body: createInspectionBody,
      response: { 201: inspectionDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createInspection(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getInspectionDetail(db, req.actor!, id, clock.today());
    },
  });

  app.get('/api/inspections/:id', {
    config: { permission: 'inspection:round:view' },
    schema: {
      tags,
      summary:
        '巡察轮次详情：巡察组、被巡察单位（被巡察单位只看到本单位）的反馈问题及其整改事项、整改报告、回头看，办理经过和当前用户可做的操作',
      params: idParams,
      response: { 200: inspectionDetail },
    },
    handler: (req) => svc.getInspectionDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.get('/api/inspections/:id/ledger.xlsx', {
    config: { permission: 'inspection:round:view' },
    schema: {
      tags,
      summary: '下载巡察整改台账（Excel）：各被巡察单位的整改情况和反馈问题的整改清单',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildInspectionLedger(db, req.actor!, req.params.id, clock.today());
      return sendDownload(reply, xlsxContentType, fileName, buffer, `inspection-${req.params.id}.xlsx`);
    },
  });

  app.patch('/api/inspections/:id', {
    config: { permission: 'inspection:round:manage', audit: 'inspection.update' },
    schema: {
      tags,
      summary:
        '修改巡察轮次（巡察办）：名称、日期、重点和巡察组；增加被巡察单位，或移除尚未反馈的；首个反馈前可改类型和期限',
      params: idParams,
      body: updateInspectionBody,
      response: { 200: inspectionDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateInspection(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getInspectionDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.post('/api/inspections/:id/units/:orgId/feedback', {
    config: { permission: 'inspection:round:manage', audit: 'inspection.feedback' },
    schema: {
      tags,
      summary:
        '录入巡察反馈（巡察办）：反馈日期、反馈意见和问题清单，每个问题生成被巡察单位的一项整改事项（来源：巡察反馈），默认整改期限为整改报告期限',
      params: inspectionUnitParams,
      body: inspectionFeedbackBody,
      response: { 200: inspectionDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.recordFeedback(
          trx,
          req.actor!,
          req.params.id,
          req.params.orgId,
          req.body,
          today,
          clock.now(),
          change,
        ),
      );
      return svc.getInspectionDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/inspections/:id/units/:orgId/report', {
    // The unit's side (a secretary of the unit itself) is decided by the service.
    config: { permission: 'rectification:item:edit', audit: 'inspection.report' },
    schema: {
      tags,
      summary:
        '提交巡察整改报告（被巡察单位书记）：报告正文；问题总数、已销号、整改中和逾期数由平台按整改事项统计，不需填写',
      params: inspectionUnitParams,
      body: inspectionReportBody,
      response: { 200: inspectionDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.submitReport(
          trx,
          req.actor!,
          req.params.id,
          req.params.orgId,
          req.body.report,
          today,
          clock.now(),
          change,
        ),
      );
      return svc.getInspectionDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/inspections/:id/units/:orgId/return', {
    config: { permission: 'inspection:round:manage', audit: 'inspection.return' },
    schema: {
      tags,
      summary: '退回巡察整改报告（巡察办）：说明需要补充或修改的内容，被巡察单位修改后重新提交',
      params: inspectionUnitParams,
      body: inspectionReturnBody,
      response: { 200: inspectionDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.returnReport(
          trx,
          req.actor!,
          req.params.id,
          req.params.orgId,
          req.body.reason,
          today,
          clock.now(),
          change,
        ),
      );
      return svc.getInspectionDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/inspections/:id/units/:orgId/lookback', {
    config: { permission: 'inspection:round:manage', audit: 'inspection.lookback' },
    schema: {
      tags,
      summary:
        '记录巡察整改回头看（巡察办）：回头看日期和情况，对每个已销号的问题判定整改到位或问题反弹；反弹的问题重新打开整改（回头看发现反弹）并给出新的整改期限',
      params: inspectionUnitParams,
      body: inspectionLookbackBody,
      response: { 200: inspectionDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.recordLookback(
          trx,
          req.actor!,
          req.params.id,
          req.params.orgId,
          req.body,
          today,
          clock.now(),
          change,
        ),
      );
      return svc.getInspectionDetail(db, req.actor!, req.params.id, today);
    },
  });
}
