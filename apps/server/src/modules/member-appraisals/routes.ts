import {
  correctionNoteBody,
  correctionOutcomeBody,
  createMemberAppraisalBody,
  idParams,
  memberAppraisalDetail,
  memberAppraisalListQuery,
  memberAppraisalPage,
  memberAppraisalTransitionBody,
  myAppraisals,
  peerCommentBody,
  selfAssessmentBody,
} from '@dangjian/core';
import { z } from 'zod';
import { docxContentType, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildRegister, buildSummary } from './documents.ts';
import * as svc from './service.ts';

const tags = ['民主评议党员'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/** 民主评议党员: list, 启动, detail, steps, 我的自评 and 互评, 限期改正, 登记表 and 汇总表. */
export function memberAppraisalRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/member-appraisals', {
    config: { permission: 'appraisal:member:view' },
    schema: {
      tags,
      summary: '民主评议党员列表（当前用户范围内的党支部）：可按组织、年度、状态筛选；新年度在前',
      querystring: memberAppraisalListQuery,
      response: { 200: memberAppraisalPage },
    },
    handler: (req) => svc.listAppraisals(db, req.actor!, req.query),
  });

  app.post('/api/member-appraisals', {
    config: { permission: 'appraisal:member:manage', audit: 'member_appraisal.create' },
    schema: {
      tags,
      summary:
        '启动民主评议党员：党支部、年度（每年一次），是否设党员互评；参评名单为当天本支部的正式党员和预备党员，并通知党员填写个人自评',
      body: createMemberAppraisalBody,
      response: { 201: memberAppraisalDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createAppraisal(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getAppraisalDetail(db, req.actor!, id, today, clock.now());
    },
  });

  app.get('/api/member-appraisals/:id', {
    config: { permission: 'appraisal:member:view' },
    schema: {
      tags,
      summary:
        '民主评议党员详情：参评名单与自评情况、党员互评（支委会可见）、民主测评结果、支委会提出和党员大会决定的等次、限期改正、经过和可做的操作',
      params: idParams,
      response: { 200: memberAppraisalDetail },
    },
    handler: (req) => svc.getAppraisalDetail(db, req.actor!, req.params.id, clock.today(), clock.now()),
  });

  app.post('/api/member-appraisals/:id/transitions', {
    config: { permission: 'appraisal:member:manage', audit: 'member_appraisal.transition' },
    schema: {
      tags,
      summary:
        '推进民主评议党员：开始党员互评、开始民主测评（生成测评票）、结束民主测评、支委会提出评定等次、党员大会决定（关联会议记录，对不合格党员制定限期改正计划）、退回支委会',
      params: idParams,
      body: memberAppraisalTransitionBody,
      response: { 200: memberAppraisalDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.transitionAppraisal(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getAppraisalDetail(db, req.actor!, req.params.id, today, clock.now());
    },
  });

  app.get('/api/member-appraisals/:id/register.docx', {
    config: { permission: 'appraisal:member:view' },
    schema: {
      tags,
      summary:
        '下载民主评议党员登记表（Word，每名参评党员一页：个人自评摘要、测评结果、支委会意见、党员大会决定）',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildRegister(
        db,
        req.actor!,
        req.params.id,
        clock.today(),
        clock.now(),
      );
      return sendDownload(reply, docxContentType, fileName, buffer, `member-appraisal-${req.params.id}.docx`);
    },
  });

  app.get('/api/member-appraisals/:id/summary.xlsx', {
    config: { permission: 'appraisal:member:view' },
    schema: { tags, summary: '下载民主评议党员汇总表（Excel）', params: idParams, response: { 200: file } },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildSummary(
        db,
        req.actor!,
        req.params.id,
        clock.today(),
        clock.now(),
      );
      return sendDownload(reply, xlsxContentType, fileName, buffer, `member-appraisal-${req.params.id}.xlsx`);
    },
  });

  app.post('/api/member-appraisal-plans/:id/notes', {
    config: { permission: 'appraisal:member:manage', audit: 'member_appraisal.plan_note' },
    schema: {
      tags,
      summary: '记录不合格党员限期改正情况（限期改正期间）',
      params: idParams,
      body: correctionNoteBody,
      response: { 201: memberAppraisalDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const appraisalId = await runWrite(db, req, (trx, change) =>
        svc.addPlanNote(trx, req.actor!, req.params.id, req.body.note, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getAppraisalDetail(db, req.actor!, appraisalId, today, clock.now());
    },
  });

  app.post('/api/member-appraisal-plans/:id/outcome', {
    config: { permission: 'appraisal:member:manage', audit: 'member_appraisal.plan_outcome' },
    schema: {
      tags,
      summary:
        '限期改正作出结论：已改正；或仍无转变，提出劝其退党或除名的意见（党员教育管理工作条例第三十一条）',
      params: idParams,
      body: correctionOutcomeBody,
      response: { 200: memberAppraisalDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      const appraisalId = await runWrite(db, req, (trx, change) =>
        svc.closePlan(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getAppraisalDetail(db, req.actor!, appraisalId, today, clock.now());
    },
  });

  app.get('/api/me/member-appraisals', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '我的民主评议（本年度和上一年度）：个人自评、党员互评、民主测评和评定等次',
      response: { 200: myAppraisals },
    },
    handler: async (req) => ({ items: await svc.myAppraisals(db, req.actor!, clock.today()) }),
  });

  app.put('/api/me/member-appraisals/:id/self-assessment', {
    config: { authenticated: true, audit: 'member_appraisal.self_assessment' },
    schema: {
      tags,
      summary: '填写或修改本人的民主评议个人自评（自评和互评阶段）',
      params: idParams,
      body: selfAssessmentBody,
      response: { 200: myAppraisals },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.writeSelfAssessment(trx, req.actor!, req.params.id, req.body.text, clock.now(), change),
      );
      return { items: await svc.myAppraisals(db, req.actor!, clock.today()) };
    },
  });

  app.post('/api/me/member-appraisals/:id/peer-comments', {
    config: { authenticated: true, audit: 'member_appraisal.peer_comment' },
    schema: {
      tags,
      summary: '填写党员互评意见（互评阶段，对参评名单中的其他党员；只有支委会可见）',
      params: idParams,
      body: peerCommentBody,
      response: { 200: myAppraisals },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.addPeerComment(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return { items: await svc.myAppraisals(db, req.actor!, clock.today()) };
    },
  });
}
