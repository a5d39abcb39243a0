import {
  cadreConsequenceBody,
  cadreReviewDetail,
  cadreReviewGradeBody,
  cadreReviewHistory,
  cadreReviewHistoryParams,
  cadreReviewListQuery,
  cadreReviewPage,
  cadreReviewReportBody,
  cadreReviewStepBody,
  cadreReviewSubjectParams,
  createCadreReviewBody,
  idParams,
} from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildCadreReviewResults } from './documents.ts';
import * as svc from './service.ts';

const tags = ['干部'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/**
 * 中层干部年度考核: rounds (one a year), 述职, the steps (开始述职, 开始民主测评, 结束测评, 公布), 评定 within the 优秀
 * quota, 结果运用 (黄牌, 红牌, 调整职务) and each cadre's history. 组织部 manages, 校领导 read (cadre:file:*).
 */
export function cadreReviewRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/cadre-reviews', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '中层干部年度考核列表（每年一轮）：可按年度、阶段筛选',
      querystring: cadreReviewListQuery,
      response: { 200: cadreReviewPage },
    },
    handler: (req) => svc.listReviews(db, req.query),
  });

  app.post('/api/cadre-reviews', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_review.create' },
    schema: {
      tags,
      summary:
        '建立年度考核：考核对象为考核基准日干部名册中在任的中层干部；测评人员按所选范围（校领导、中层干部、教职工代表）生成名单；综合评定规则、优秀比例和结果运用规则可配置',
      body: createCadreReviewBody,
      response: { 201: cadreReviewDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createReview(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getReviewDetail(db, req.actor!, id, clock.now());
    },
  });

  app.get('/api/cadre-reviews/cadres/:cadreId/history', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '干部历年年度考核等次和结果运用（黄牌、红牌、调整职务）',
      params: cadreReviewHistoryParams,
      response: { 200: cadreReviewHistory },
    },
    handler: (req) => svc.getHistory(db, req.params.cadreId),
  });

  app.get('/api/cadre-reviews/:id', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '年度考核详情：每位干部的述职（党组织书记关联当年述职评议）、测评计票结果（测评结束后）、所在党组织的党建考核结果、计算等次和评定等次、优秀名额、结果运用',
      params: idParams,
      response: { 200: cadreReviewDetail },
    },
    handler: (req) => svc.getReviewDetail(db, req.actor!, req.params.id, clock.now()),
  });

  app.get('/api/cadre-reviews/:id/results.xlsx', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '下载中层干部年度考核结果（Excel）：测评票数、测评得分、党委评价分、综合得分、计算等次、评定等次、结果运用',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildCadreReviewResults(
        db,
        req.actor!,
        req.params.id,
        clock.today(),
        clock.now(),
      );
      return sendDownload(reply, xlsxContentType, fileName, buffer, `cadre-review-${req.params.id}.xlsx`);
    },
  });

  app.post('/api/cadre-reviews/:id/steps', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_review.step' },
    schema: {
      tags,
      summary:
        '推进年度考核：open_reports 开始述职；open_voting 开始民主测评（生成测评票，可指定截止时间）；close_voting 结束测评并计算等次；publish 公布（须全部评定且优秀不超过名额）',
      params: idParams,
      body: cadreReviewStepBody,
      response: { 200: cadreReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.takeStep(trx, req.actor!, req.params.id, req.body, clock.today(), clock.now(), change),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.put('/api/cadre-reviews/:id/subjects/:subjectId/report', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_review.report' },
    schema: {
      tags,
      summary: '登记干部述职（准备或述职阶段）；党组织书记当年已参加述职评议的，关联述职评议结果，无需再述职',
      params: cadreReviewSubjectParams,
      body: cadreReviewReportBody,
      response: { 200: cadreReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.saveReport(trx, req.params.id, req.params.subjectId, req.body.report, clock.now(), change),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.put('/api/cadre-reviews/:id/subjects/:subjectId/grade', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_review.grade' },
    schema: {
      tags,
      summary: '评定等次：填写党委评价分，按规则计算等次；与计算结果不同须说明理由；优秀不超过名额',
      params: cadreReviewSubjectParams,
      body: cadreReviewGradeBody,
      response: { 200: cadreReviewDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.setGrade(trx, req.params.id, req.params.subjectId, req.body, clock.now(), change),
      );
      return svc.getReviewDetail(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.post('/api/cadre-reviews/:id/subjects/:subjectId/consequences', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_review.consequence' },
    schema: {
      tags,
      summary:
        '登记结果运用：基本称职、不称职的黄牌（提醒、函询）、红牌（诫勉）、调整职务（能上能下），记入干部考核历史',
      params: cadreReviewSubjectParams,
      body: cadreConsequenceBody,
      response: { 201: cadreReviewDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.recordConsequence(
          trx,
          req.actor!,
          req.params.id,
          req.params.subjectId,
          req.body,
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
