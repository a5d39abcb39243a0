import {
  createDutyReviewBody,
  dutyReviewCommentBody,
  dutyReviewDetail,
  dutyReviewEvidence,
  dutyReviewGradeBody,
  dutyReviewListQuery,
  dutyReviewPage,
  dutyReviewQuestionBody,
  dutyReviewRectificationsBody,
  dutyReviewReportBody,
  dutyReviewSubjectParams,
  dutyReviewTransitionBody,
  idParams,
} from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildDutyReviewResults } from './documents.ts';
import { getEvidence } from './evidence.ts';
import * as svc from './service.ts';

const tags = ['述职评议'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/** 述职评议 (书记抓基层党建述职评议考核): campaigns, 述职报告, 答辩, 点评, 测评, 综合评定, 审定公布, 点评转整改. */
export function dutyReviewRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/duty-reviews', {
    config: { permission: 'assessment:duty:view' },
    schema: {
      tags,
      summary: '述职评议列表（组织单位或述职书记所在组织在当前用户范围内）：可按年度、组织、状态、关键词筛选',
      querystring: dutyReviewListQuery,
      response: { 200: dutyReviewPage },
    },
    handler: (req) => svc.listReviews(db, req.actor!, req.query),
  });

  app.post('/api/duty-reviews', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.create' },
    schema: {
      tags,
      summary:
        '启动述职评议：党委评议党总支、直属党支部书记，党总支（或党委）评议党支部书记；述职书记从班子任职中读取，测评人员按所选范围生成名单，综合评定规则可配置',
      body: createDutyReviewBody,
      response: { 201: dutyReviewDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createReview(trx, req.actor!, req.body, clock.today(), clock.now(), change),
      );
      reply.status(201);
      return svc.getReviewDetail(db, req.actor!, id, clock.now());
    },
  });

  app.get('/api/duty-reviews/:id', {
    config: { permission: 'assessment:duty:view' },
    schema: {
      tags,
      summary:
        '述职评议详情：述职书记、述职报告、答辩、点评、测评进度和计票结果、综合评定、办理经过和可做的操作',
      params: idParams,
      response: { 200: dutyReviewDetail },
    },
    handler: (req) => svc.getReviewDetail(db, req.actor!, req.params.id, clock.now()),
  });

  app.get('/api/duty-reviews/:id/results.xlsx', {
    config: { permission: 'assessment:duty:view' },
    schema: {
      tags,
      summary:
        '下载述职评议考核结果（Excel）：每位书记的测评票数、测评得分、党委评价分、综合得分、计算等次和评定等次',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildDutyReviewResults(
        db,
        req.actor!,
        req.params.id,
        clock.today(),
        clock.now(),
      );
      return sendDownload(reply, xlsxContentType, fileName, buffer, `duty-review-${req.params.id}.xlsx`);
    },
  });

  app.get('/api/duty-reviews/:id/subjects/:subjectId/evidence', {
    config: { permission: 'assessment:duty:view' },
    schema: {
      tags,
      summary:
        '述职佐证：书记所在组织本年度的“三会一课”、谈心谈话、预警、发展党员、整改和考核结果，由各业务记录自动生成并链接到记录',
      params: dutyReviewSubjectParams,
      response: { 200: dutyReviewEvidence },
    },
    handler: (req) =>
      getEvidence(db, req.actor!, req.params.id, req.params.subjectId, clock.today(), clock.now()),
  });

  app.post('/api/duty-reviews/:id/transitions', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.transition' },
    schema: {
      tags,
      summary:
        '推进述职评议：通知撰写述职报告、召开述职会、开始民主测评（生成测评票）、结束测评并计算等次、审定、公布结果',
      params: idParams,
      body: dutyReviewTransitionBody,
      response: { 200: dutyReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.transitionReview(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.put('/api/duty-reviews/:id/subjects/:subjectId/report', {
    config: { permission: 'assessment:duty:report', audit: 'duty_review.report' },
    schema: {
      tags,
      summary: '撰写述职报告（书记本人）：保存草稿或提交；提交后不能修改',
      params: dutyReviewSubjectParams,
      body: dutyReviewReportBody,
      response: { 200: dutyReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.saveReport(
          trx,
          req.actor!,
          req.params.id,
          req.params.subjectId,
          { report: req.body.report, submit: req.body.submit ?? false },
          clock.now(),
          change,
        ),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.post('/api/duty-reviews/:id/subjects/:subjectId/questions', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.question' },
    schema: {
      tags,
      summary: '记录述职会上的答辩问题和回答',
      params: dutyReviewSubjectParams,
      body: dutyReviewQuestionBody,
      response: { 201: dutyReviewDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.recordAtMeeting(
          trx,
          req.actor!,
          req.params.id,
          req.params.subjectId,
          { kind: 'question', question: req.body.question, answer: req.body.answer ?? null },
          clock.now(),
          change,
        ),
      );
      reply.status(201);
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.post('/api/duty-reviews/:id/subjects/:subjectId/comments', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.comment' },
    schema: {
      tags,
      summary: '点评（一述一评）：领导对书记述职的点评意见，署点评人',
      params: dutyReviewSubjectParams,
      body: dutyReviewCommentBody,
      response: { 201: dutyReviewDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.recordAtMeeting(
          trx,
          req.actor!,
          req.params.id,
          req.params.subjectId,
          { kind: 'comment', content: req.body.content },
          clock.now(),
          change,
        ),
      );
      reply.status(201);
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.put('/api/duty-reviews/:id/subjects/:subjectId/grade', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.grade' },
    schema: {
      tags,
      summary: '综合评定：填写党委（党总支）评价分，按规则计算等次；评定等次与计算结果不同须说明理由',
      params: dutyReviewSubjectParams,
      body: dutyReviewGradeBody,
      response: { 200: dutyReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.setGrade(trx, req.actor!, req.params.id, req.params.subjectId, req.body, clock.now(), change),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.post('/api/duty-reviews/:id/rectifications', {
    config: { permission: 'assessment:duty:manage', audit: 'duty_review.rectifications' },
    schema: {
      tags,
      summary:
        '点评意见转为整改事项（整改方案 + 整改责任清单）：每条点评生成一项整改，书记为责任人；每次述职评议只能转一次',
      params: idParams,
      body: dutyReviewRectificationsBody,
      response: { 201: dutyReviewDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.openCommentRectifications(
          trx,
          req.actor!,
          req.params.id,
          req.body.deadline,
          clock.today(),
          clock.now(),
          change,
        ),
      );
      reply.status(201);
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });
}
