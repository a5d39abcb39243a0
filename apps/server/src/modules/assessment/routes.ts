import {
  assessmentOrgParams,
  assessmentRoundDetail,
  assessmentRoundListQuery,
  assessmentRoundPage,
  assessmentTemplateItem,
  assessmentTransitionBody,
  createAssessmentRoundBody,
  createIndicatorSystemBody,
  idParams,
  indicatorSystemDetail,
  indicatorSystemListQuery,
  indicatorSystemPage,
  orgAssessmentBody,
  orgAssessmentDetail,
  orgAssessmentResults,
  updateAssessmentRoundBody,
  updateIndicatorSystemBody,
} from '@dangjian/core';
import { z } from 'zod';
import { docxContentType, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildResults, buildScorecard } from './documents.ts';
import * as svc from './service.ts';

const tags = ['考核评价'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/**
 * Assessments (考核): indicator systems, rounds and their board, an org's scorecard with its judgements and steps,
 * the results sheet and the scorecard in Word, and an org's results by year.
 */
export function assessmentRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/indicator-systems', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary:
        '考核指标体系（按年度的版本）列表：可按考核类型、考核对象、年度、名称筛选；已用于考核的版本标明“使用中”',
      querystring: indicatorSystemListQuery,
      response: { 200: indicatorSystemPage },
    },
    handler: (req) => svc.listSystems(db, req.query),
  });

  app.get('/api/indicator-systems/templates', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary:
        '内置指标体系模板（星级党支部、标准化达标、个个过关、二级学院年度党建考评），供复制后按本校文件修改',
      response: { 200: z.array(assessmentTemplateItem) },
    },
    handler: () => svc.listTemplates(),
  });

  app.post('/api/indicator-systems', {
    config: { permission: 'assessment:system:manage', audit: 'indicator_system.create' },
    schema: {
      tags,
      summary: '新建指标体系版本：由内置模板生成、复制已有版本（如上一年度的）或提交完整定义',
      body: createIndicatorSystemBody,
      response: { 201: indicatorSystemDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createSystem(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getSystem(db, id);
    },
  });

  app.get('/api/indicator-systems/:id', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '指标体系版本详情：维度、指标、分值和评分方式、一票否决项、星级与比例限制，以及还能修改什么',
      params: idParams,
      response: { 200: indicatorSystemDetail },
    },
    handler: (req) => svc.getSystem(db, req.params.id),
  });

  app.patch('/api/indicator-systems/:id', {
    config: { permission: 'assessment:system:manage', audit: 'indicator_system.update' },
    schema: {
      tags,
      summary:
        '修改指标体系版本：未用于考核时可改全部内容；已用于考核的只能改名称和说明（评分规则须复制为新版本后修改）',
      params: idParams,
      body: updateIndicatorSystemBody,
      response: { 200: indicatorSystemDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateSystem(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getSystem(db, req.params.id);
    },
  });

  app.get('/api/assessments', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '考核列表（有党组织在当前用户范围内的），最新的在前，含各环节的党组织数',
      querystring: assessmentRoundListQuery,
      response: { 200: assessmentRoundPage },
    },
    handler: (req) => svc.listRounds(db, req.actor!, req.query),
  });

  app.post('/api/assessments', {
    config: { permission: 'assessment:round:manage', audit: 'assessment.create' },
    schema: {
      tags,
      summary:
        '发起考核：用一个指标体系版本考核某党组织范围内该层级的全部党组织；成立不满规定时间的不参评；平台按记录计算可计算的指标并通知各党组织自评',
      body: createAssessmentRoundBody,
      response: { 201: assessmentRoundDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createRound(trx, req.actor!, req.body, clock.today(), clock.now(), change),
      );
      reply.status(201);
      return svc.getRound(db, req.actor!, id, clock.now());
    },
  });

  app.patch('/api/assessments/:id', {
    config: { permission: 'assessment:round:manage', audit: 'assessment.update' },
    schema: {
      tags,
      summary:
        '修改考核（结果全部确定前）：名称、自评截止日期、审核截止日期、公示工作日数（用于此后的党委审定）；指标体系、考核范围和考核期不变',
      params: idParams,
      body: updateAssessmentRoundBody,
      response: { 200: assessmentRoundDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateRound(trx, req.actor!, req.params.id, req.body, clock.today(), change),
      );
      return svc.getRound(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.get('/api/assessments/:id', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '考核看板：范围内各党组织所处环节、得分、星级或达标情况',
      params: idParams,
      response: { 200: assessmentRoundDetail },
    },
    handler: (req) => svc.getRound(db, req.actor!, req.params.id, clock.now()),
  });

  app.get('/api/assessments/:id/results.xlsx', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '下载考核结果（Excel）：各党组织得分、百分制得分及各维度得分，供学校绩效考核使用',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildResults(
        db,
        req.actor!,
        req.params.id,
        clock.today(),
        clock.now(),
      );
      return sendDownload(
        reply,
        xlsxContentType,
        fileName,
        buffer,
        `assessment-${req.params.id}-results.xlsx`,
      );
    },
  });

  app.get('/api/assessments/:id/orgs/:orgId', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary:
        '党组织考核评分表：每项指标的得分及来源（计算所依据的记录、评审意见和关联记录、调整理由），各环节评分、考核经过、历年结果和当前可做的操作',
      params: assessmentOrgParams,
      response: { 200: orgAssessmentDetail },
    },
    handler: (req) => svc.getOrgAssessment(db, req.actor!, req.params.id, req.params.orgId, clock.now()),
  });

  app.put('/api/assessments/:id/orgs/:orgId', {
    config: { permission: 'assessment:round:assess', audit: 'assessment.judge' },
    schema: {
      tags,
      summary:
        '填写本环节评分：自评（本党组织）、总支审核或组织部审核的评审项评分、说明和关联记录；审核环节可调整自动计算的结果并说明理由',
      params: assessmentOrgParams,
      body: orgAssessmentBody,
      response: { 200: orgAssessmentDetail },
    },
    handler: async (req) => {
      const { id, orgId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.saveJudgements(trx, req.actor!, id, orgId, req.body, clock.today(), clock.now(), change),
      );
      return svc.getOrgAssessment(db, req.actor!, id, orgId, clock.now());
    },
  });

  app.post('/api/assessments/:id/orgs/:orgId/transitions', {
    // Which side may take the step (the org, its 总支, the 组织部) is decided per org by the service.
    config: { permission: 'assessment:round:assess', audit: 'assessment.transition' },
    schema: {
      tags,
      summary:
        '考核流转：提交自评，总支审核通过或退回，组织部审核通过或退回，登记党委审定结果并公示，公示有异议退回复核，公示期满确定结果',
      params: assessmentOrgParams,
      body: assessmentTransitionBody,
      response: { 200: orgAssessmentDetail },
    },
    handler: async (req) => {
      const { id, orgId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.transitionOrgAssessment(trx, req.actor!, id, orgId, req.body, clock.today(), clock.now(), change),
      );
      return svc.getOrgAssessment(db, req.actor!, id, orgId, clock.now());
    },
  });

  app.get('/api/assessments/:id/orgs/:orgId/scorecard.docx', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '下载党组织考核评分表（Word）',
      params: assessmentOrgParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { id, orgId } = req.params;
      const { buffer, fileName } = await buildScorecard(db, req.actor!, id, orgId, clock.now());
      return sendDownload(reply, docxContentType, fileName, buffer, `assessment-${id}-${orgId}.docx`);
    },
  });

  app.get('/api/orgs/:id/assessments', {
    config: { permission: 'assessment:round:view' },
    schema: {
      tags,
      summary: '党组织历年考核结果（已确定的），最近的年度在前，用于看趋势和述职评议等后续使用',
      params: idParams,
      response: { 200: orgAssessmentResults },
    },
    handler: (req) => svc.getOrgResults(db, req.actor!, req.params.id),
  });
}
