import {
  campaignDetail,
  campaignListQuery,
  campaignOrgParams,
  campaignPage,
  createCampaignBody,
  idParams,
  returnCampaignBody,
  submitCampaignListBody,
  submitCampaignSummaryBody,
} from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildCampaignReport } from './documents.ts';
import * as svc from './service.ts';

const tags = ['整改'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/** Rectification campaigns (问题清单): list, issuing, detail with the progress table, submissions and returns. */
export function campaignRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/rectification-campaigns', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary:
        '问题清单工作列表（当前用户范围内有党组织参加的）：按年度、名称筛选，新部署的在前；每项含范围内党组织的报送进度和整改数据',
      querystring: campaignListQuery,
      response: { 200: campaignPage },
    },
    handler: (req) => svc.listCampaigns(db, req.actor!, req.query, clock.today()),
  });

  app.post('/api/rectification-campaigns', {
    config: { permission: 'rectification:campaign:manage', audit: 'rectification_campaign.create' },
    schema: {
      tags,
      summary:
        '部署问题清单工作（组织部）：名称、年度、类型、参加的党组织（党总支连同所属党支部）、问题清单和整改总结的报送截止日期、工作要求；通知各党组织书记',
      body: createCampaignBody,
      response: { 201: campaignDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createCampaign(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getCampaignDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/rectification-campaigns/:id', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary:
        '问题清单详情：当前用户范围内参加的党组织（未提交、逾期未提交的在前）的问题清单和整改总结报送情况、按整改事项统计的问题数与销号数、报送经过，以及当前用户可做的操作',
      params: idParams,
      response: { 200: campaignDetail },
    },
    handler: (req) => svc.getCampaignDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.get('/api/rectification-campaigns/:id/report.xlsx', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary: '下载问题清单报送情况汇总表（Excel，当前用户范围内的党组织，未提交的在前）',
      params: idParams,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const { buffer, fileName } = await buildCampaignReport(db, req.actor!, req.params.id, today);
      return sendDownload(
        reply,
        xlsxContentType,
        fileName,
        buffer,
        `rectification-campaign-${req.params.id}-${today}.xlsx`,
      );
    },
  });

  app.post('/api/rectification-campaigns/:id/orgs/:orgId/list', {
    config: { permission: 'rectification:item:edit', audit: 'rectification_campaign.submit_list' },
    schema: {
      tags,
      summary:
        '提交问题清单（参加的党组织）：已登记到本问题清单的整改事项即为问题清单；没有问题的，须确认“经自查未发现问题”',
      params: campaignOrgParams,
      body: submitCampaignListBody,
      response: { 200: campaignDetail },
    },
    handler: async (req) => {
      const { id, orgId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.submitList(trx, req.actor!, id, orgId, req.body, clock.now(), change),
      );
      return svc.getCampaignDetail(db, req.actor!, id, clock.today());
    },
  });

  app.post('/api/rectification-campaigns/:id/orgs/:orgId/summary', {
    config: { permission: 'rectification:item:edit', audit: 'rectification_campaign.submit_summary' },
    schema: {
      tags,
      summary:
        '提交整改总结（参加的党组织，问题清单提交后）：问题数、已销号、整改中和逾期数在提交时按整改事项统计，不需填写',
      params: campaignOrgParams,
      body: submitCampaignSummaryBody,
      response: { 200: campaignDetail },
    },
    handler: async (req) => {
      const { id, orgId } = req.params;
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.submitSummary(trx, req.actor!, id, orgId, req.body, today, clock.now(), change),
      );
      return svc.getCampaignDetail(db, req.actor!, id, today);
    },
  });

  app.post('/api/rectification-campaigns/:id/orgs/:orgId/return', {
    config: { permission: 'rectification:item:verify', audit: 'rectification_campaign.return' },
    schema: {
      tags,
      summary:
        '退回问题清单或整改总结（上级党组织：总支对所属支部，组织部对各党组织），须说明理由；已提交整改总结的，先退回整改总结才能退回问题清单',
      params: campaignOrgParams,
      body: returnCampaignBody,
      response: { 200: campaignDetail },
    },
    handler: async (req) => {
      const { id, orgId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.returnPart(trx, req.actor!, id, orgId, req.body, clock.now(), change),
      );
      return svc.getCampaignDetail(db, req.actor!, id, clock.today());
    },
  });
}
