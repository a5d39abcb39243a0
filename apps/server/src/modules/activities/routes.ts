import {
  AppError,
  activityDetail,
  activityLimits,
  activityListQuery,
  activityPage,
  activityTransitionBody,
  activityTransitionLabels,
  activityTransitions,
  attachmentParams,
  attachmentUploadQuery,
  attendanceQuery,
  attendanceRecord,
  createActivityBody,
  guestsBody,
  idParams,
  inviteeList,
  inviteeQuery,
  leaveDecisionBody,
  leaveRequestBody,
  markAttendanceBody,
  myActivities,
  okResponse,
  personParams,
  resolutionsBody,
  reviewBody,
  reviewParams,
  reviewResponseBody,
  signInBody,
  signInCodeResponse,
  signInResult,
  updateActivityBody,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asciiExtension, sendDownload } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { addAttachment, deleteAttachment, getAttachment } from './attachments.ts';
import { attendanceRecordOf } from './attendance-record.ts';
import { myActivities as loadMyActivities } from './me.ts';
import { respondToReview, reviewActivity } from './reviews.ts';
import * as svc from './service.ts';
import { signIn } from './sign-in.ts';

const tags = ['组织生活'];

/** Activity records: plan, notice, sign-in, leave, attendance, resolutions, files, supervision checks. */
export function activityRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/activities', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '组织生活记录列表（当前用户范围内）',
      querystring: activityListQuery,
      response: { 200: activityPage },
    },
    handler: (req) => svc.listActivities(db, req.actor!, req.query),
  });

  app.get('/api/activities/invitees', {
    config: { permission: 'life:activity:edit' },
    schema: {
      tags,
      summary: '预览参会名单（按活动当天的组织、班子和党员计算）',
      querystring: inviteeQuery,
      response: { 200: inviteeList },
    },
    handler: (req) => svc.previewInvitees(db, req.actor!, req.query),
  });

  app.post('/api/activities', {
    config: { permission: 'life:activity:edit', audit: 'activity.create' },
    schema: {
      tags,
      summary: '计划一次组织生活（参会名单按当天计算）',
      body: createActivityBody,
      response: { 201: activityDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createActivity(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getActivityDetail(db, req.actor!, id);
    },
  });

  app.get('/api/activities/:id', {
    config: { permission: 'life:activity:view' },
    schema: { tags, summary: '组织生活记录详情', params: idParams, response: { 200: activityDetail } },
    handler: (req) => svc.getActivityDetail(db, req.actor!, req.params.id),
  });

  app.patch('/api/activities/:id', {
    config: { permission: 'life:activity:edit', audit: 'activity.update' },
    schema: {
      tags,
      summary: '修改计划、会议记录或小结（归档或取消后只读）',
      params: idParams,
      body: updateActivityBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateActivity(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, req.params.id);
    },
  });

  for (const transition of activityTransitions)
    app.post(`/api/activities/:id/${transition}`, {
      config: { permission: 'life:activity:edit', audit: `activity.${transition}` },
      schema: {
        tags,
        summary: activityTransitionLabels[transition],
        params: idParams,
        body: activityTransitionBody,
        response: { 200: activityDetail },
      },
      handler: async (req) => {
        const id = req.params.id;
        await runWrite(db, req, (trx, change) =>
          svc.transitionActivity(trx, req.actor!, id, transition, req.body, clock.now(), change),
        );
        return svc.getActivityDetail(db, req.actor!, id);
      },
    });

  app.get('/api/activities/:id/sign-in-code', {
    config: { permission: 'life:activity:edit' },
    schema: {
      tags,
      summary: '会场屏幕上的签到码（每 10 秒更换，服务器签名）',
      params: idParams,
      response: { 200: signInCodeResponse },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return svc.signInCodeFor(db, req.actor!, req.params.id, clock.now());
    },
  });

  app.post('/api/activities/:id/sign-in', {
    // Any signed-in member on the list; the token proves presence, the attendee row records it.
    config: { authenticated: true },
    schema: {
      tags,
      summary: '扫码签到（本人）',
      params: idParams,
      body: signInBody,
      response: { 200: signInResult },
    },
    handler: (req) => signIn(db, req.actor!.personId, req.params.id, req.body, clock.now()),
  });

  app.post('/api/activities/:id/attendance', {
    config: { permission: 'life:activity:edit', audit: 'activity.attendance' },
    schema: {
      tags,
      summary: '手工登记出席情况（补签须填写原因）',
      params: idParams,
      body: markAttendanceBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.markAttendance(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, req.params.id);
    },
  });

  app.post('/api/activities/:id/guests', {
    config: { permission: 'life:activity:edit', audit: 'activity.guests' },
    schema: {
      tags,
      summary: '增加或移除列席人员',
      params: idParams,
      body: guestsBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.changeGuests(trx, req.actor!, req.params.id, req.body, change),
      );
      return svc.getActivityDetail(db, req.actor!, req.params.id);
    },
  });

  app.post('/api/activities/:id/leave', {
    config: { authenticated: true, audit: 'activity.leave.request' },
    schema: {
      tags,
      summary: '本人请假',
      params: idParams,
      body: leaveRequestBody,
      response: { 200: okResponse },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.requestLeave(trx, req.actor!, req.params.id, req.body.reason, clock.now(), change),
      );
      return { ok: true as const };
    },
  });

  app.post('/api/activities/:id/leave/:personId/decision', {
    config: { permission: 'life:activity:edit', audit: 'activity.leave.decide' },
    schema: {
      tags,
      summary: '批准或不批准请假',
      params: personParams,
      body: leaveDecisionBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      const { id, personId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.decideLeave(trx, req.actor!, id, personId, req.body, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, id);
    },
  });

  app.put('/api/activities/:id/resolutions', {
    config: { permission: 'life:activity:edit', audit: 'activity.resolutions' },
    schema: {
      tags,
      summary: '登记决议和表决结果（服务器核算法定人数和通过票数）',
      params: idParams,
      body: resolutionsBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.saveResolutions(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, req.params.id);
    },
  });

  app.get('/api/activities/:id/attachments/:attachmentId', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '下载附件或照片',
      params: attachmentParams,
      response: { 200: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }) },
    },
    handler: async (req, reply) => {
      const f = await getAttachment(db, req.actor!, req.params.id, req.params.attachmentId);
      const { id, attachmentId } = req.params;
      const ascii = `activity-${id}-attachment-${attachmentId}${asciiExtension(f.fileName)}`;
      return sendDownload(reply, f.type, f.fileName, f.content, ascii);
    },
  });

  app.delete('/api/activities/:id/attachments/:attachmentId', {
    config: { permission: 'life:activity:edit', audit: 'activity.attachment.delete' },
    schema: { tags, summary: '删除附件（归档前）', params: attachmentParams, response: { 200: okResponse } },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        deleteAttachment(trx, req.actor!, req.params.id, req.params.attachmentId, change),
      );
      return { ok: true as const };
    },
  });

  app.post('/api/activities/:id/reviews', {
    config: { permission: 'life:activity:review', audit: 'activity.review' },
    schema: {
      tags,
      summary: '督促检查：评定记录并提出意见',
      params: idParams,
      body: reviewBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        reviewActivity(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, req.params.id);
    },
  });

  app.post('/api/activities/:id/reviews/:reviewId/response', {
    config: { permission: 'life:activity:edit', audit: 'activity.review.respond' },
    schema: {
      tags,
      summary: '答复检查意见（一次）',
      params: reviewParams,
      body: reviewResponseBody,
      response: { 200: activityDetail },
    },
    handler: async (req) => {
      const { id, reviewId } = req.params;
      await runWrite(db, req, (trx, change) =>
        respondToReview(trx, req.actor!, id, reviewId, req.body.response, clock.now(), change),
      );
      return svc.getActivityDetail(db, req.actor!, id);
    },
  });

  app.get('/api/me/activities', {
    config: { authenticated: true },
    schema: { tags, summary: '我的组织生活（待参加与近 60 天）', response: { 200: myActivities } },
    handler: (req) => loadMyActivities(db, req.actor!, clock.now()),
  });

  app.get('/api/me/attendance', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '我的出勤记录（按年）',
      querystring: attendanceQuery,
      response: { 200: attendanceRecord },
    },
    handler: (req) => {
      const personId = req.actor!.personId;
      if (personId === null) throw new AppError('NOT_FOUND', '您的账号未关联党员信息');
      return attendanceRecordOf(db, personId, req.query.year ?? Number(clock.today().slice(0, 4)));
    },
  });

  // The upload route alone takes a raw file body (photo or document), up to its own limit.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: activityLimits.attachmentBytes },
      (_req, body, done) => done(null, body),
    );
    files.post('/api/activities/:id/attachments', {
      bodyLimit: activityLimits.attachmentBytes,
      errorHandler: (error) => {
        if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `文件超过 ${activityLimits.attachmentBytes / 1024 / 1024} MB 的上限`,
          );
        throw error;
      },
      config: { permission: 'life:activity:edit', audit: 'activity.attachment.add' },
      schema: {
        tags,
        summary: '上传照片或附件（请求体为文件内容；归档前）',
        params: idParams,
        querystring: attachmentUploadQuery,
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传文件' })
          .meta({ type: 'string', format: 'binary', description: '文件内容（不超过 10 MB）' }),
        response: { 201: activityDetail },
      },
      handler: async (req, reply) => {
        await runWrite(db, req, (trx, change) =>
          addAttachment(trx, req.actor!, req.params.id, req.query, req.body, change),
        );
        reply.status(201);
        return svc.getActivityDetail(db, req.actor!, req.params.id);
      },
    });
  });
}
