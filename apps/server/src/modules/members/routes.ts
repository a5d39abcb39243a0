import {
  correctionListQuery,
  correctionSchema,
  createCorrectionBody,
  createMemberBody,
  decideCorrectionBody,
  idParams,
  leaveMemberBody,
  memberDetail,
  memberDetailQuery,
  memberEvent,
  memberListQuery,
  memberPage,
  memberStats,
  memberStatsQuery,
  myMemberRecord,
  updateMemberBody,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { shouldUnmask } from '../../http/sensitive.ts';
import { recordSensitiveRead, runWrite } from '../../http/write.ts';
import * as corrections from './corrections.ts';
import * as svc from './service.ts';

const tags = ['党员'];

/** The roster, a member's record and timeline, statistics, and correction requests. */
export function memberRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/members', {
    config: { permission: 'member:member:view', audit: 'member.reveal' },
    schema: {
      tags,
      summary: '党员名册（当前用户范围内；unmasked=true 显示完整身份证号和电话并留痕）',
      querystring: memberListQuery,
      response: { 200: memberPage },
    },
    handler: async (req) => {
      const page = await svc.listMembers(db, req.actor!, req.query, clock.today());
      if (page.items.length > 0 && !page.items[0]!.masked)
        await recordSensitiveRead(db, req, {
          targetType: 'person',
          summary: `查看党员名册完整身份证号和电话（第 ${page.page} 页，${page.items.length} 人）`,
          after: { personIds: page.items.map((m) => m.id) },
        });
      return page;
    },
  });

  app.post('/api/members', {
    config: { permission: 'member:member:edit', audit: 'member.create' },
    schema: { tags, summary: '新增党员', body: createMemberBody, response: { 201: memberDetail } },
    handler: async (req, reply) => {
      const member = await runWrite(db, req, (trx, change) =>
        svc.createMember(trx, req.actor!, req.body, clock.today(), clock.now(), change),
      );
      reply.status(201);
      return member;
    },
  });

  app.get('/api/members/stats', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '党员统计（按类别、党籍、性别、民族、年龄段、学历、党龄；逐级下钻；支部规模；双带头人）',
      querystring: memberStatsQuery,
      response: { 200: memberStats },
    },
    handler: (req) => svc.memberStats(db, req.actor!, req.query.orgId, clock.today()),
  });

  app.get('/api/members/:id', {
    config: { permission: 'member:member:view', audit: 'member.reveal' },
    schema: {
      tags,
      summary: '党员档案（unmasked=true 显示完整身份证号和电话并留痕）',
      params: idParams,
      querystring: memberDetailQuery,
      response: { 200: memberDetail },
    },
    handler: async (req) => {
      const member = await svc.getMember(db, req.actor!, req.params.id, req.query.unmasked, clock.today());
      if (!member.masked)
        await recordSensitiveRead(db, req, {
          targetType: 'person',
          targetId: member.id,
          summary: `查看${member.name}的完整身份证号和电话`,
        });
      return member;
    },
  });

  app.patch('/api/members/:id', {
    config: { permission: 'member:member:edit', audit: 'member.update' },
    schema: {
      tags,
      summary: '修改党员信息',
      params: idParams,
      body: updateMemberBody,
      response: { 200: memberDetail },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        svc.updateMember(trx, req.actor!, req.params.id, req.body, clock.today(), clock.now(), change),
      ),
  });

  app.post('/api/members/:id/leave', {
    config: { permission: 'member:member:edit', audit: 'member.leave' },
    schema: {
      tags,
      summary: '离开在册名单（死亡、出党、自行脱党、停止党籍；转出请办理组织关系转接）',
      params: idParams,
      body: leaveMemberBody,
      response: { 200: memberDetail },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        svc.leaveRoster(trx, req.actor!, req.params.id, req.body, clock.today(), clock.now(), change),
      ),
  });

  app.get('/api/members/:id/timeline', {
    config: { permission: 'member:member:view' },
    schema: { tags, summary: '党员时间线', params: idParams, response: { 200: z.array(memberEvent) } },
    handler: (req) => svc.memberTimeline(db, req.actor!, req.params.id),
  });

  app.get('/api/me/member', {
    config: { authenticated: true },
    schema: { tags, summary: '我的党员信息与更正申请', response: { 200: myMemberRecord } },
    handler: (req) => corrections.myMemberRecord(db, req.actor!, clock.today()),
  });

  app.post('/api/me/member/corrections', {
    config: { authenticated: true, audit: 'member.correction.request' },
    schema: {
      tags,
      summary: '申请更正本人党员信息',
      body: createCorrectionBody,
      response: { 201: correctionSchema },
    },
    handler: async (req, reply) => {
      const c = await runWrite(db, req, (trx, change) =>
        corrections.requestCorrection(trx, req.actor!, req.body, clock.today(), change),
      );
      reply.status(201);
      return c;
    },
  });

  app.post('/api/me/member/corrections/:id/withdraw', {
    config: { authenticated: true, audit: 'member.correction.withdraw' },
    schema: { tags, summary: '撤回更正申请', params: idParams, response: { 200: correctionSchema } },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        corrections.withdrawCorrection(trx, req.actor!, req.params.id, change),
      ),
  });

  app.get('/api/member-corrections', {
    config: { permission: 'member:correction:review', audit: 'member.correction.reveal' },
    schema: {
      tags,
      summary: '党员信息更正申请（当前用户范围内）',
      querystring: correctionListQuery,
      response: {
        200: z.object({
          items: z.array(correctionSchema),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
    },
    handler: async (req) => {
      const page = await corrections.listCorrections(db, req.actor!, req.query);
      if (shouldUnmask(req.actor!, req.query.unmasked) && page.items.length > 0)
        await recordSensitiveRead(db, req, {
          targetType: 'member_correction',
          summary: `查看更正申请中的完整身份证号和电话（${page.items.length} 条）`,
          after: { correctionIds: page.items.map((c) => c.id) },
        });
      return page;
    },
  });

  app.post('/api/member-corrections/:id/decision', {
    config: { permission: 'member:correction:review', audit: 'member.correction.decide' },
    schema: {
      tags,
      summary: '同意或驳回更正申请',
      params: idParams,
      body: decideCorrectionBody,
      response: { 200: correctionSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        corrections.decideCorrection(
          trx,
          req.actor!,
          req.params.id,
          req.body,
          clock.today(),
          clock.now(),
          change,
        ),
      ),
  });
}
