import {
  AppError,
  certificateFileQuery,
  createExternalTrainingBody,
  createTrainingBody,
  enrolTrainingBody,
  externalTraining,
  idParams,
  personHoursParams,
  personTrainingHours,
  trainingAttendanceBody,
  trainingDetail,
  trainingHoursLedgerQuery,
  trainingHoursPage,
  trainingHoursQuery,
  trainingIncentiveQuery,
  trainingIncentives,
  trainingLimits,
  trainingListQuery,
  trainingPage,
  trainingSettingsBody,
  trainingSettingsResponse,
  trainingYearQuery,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asciiExtension, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { getTrainingSettings, updateTrainingSettings } from '../settings/service.ts';
import { buildHoursLedger, buildIncentiveLedger } from './documents.ts';
import * as svc from './service.ts';

const tags = ['培训'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/**
 * Training (培训): courses with attendance, external training with certificates, 学时 per person (list, xlsx, one
 * person, 我的学时), the party-work incentives for HR, and the school's conversion and incentive settings.
 */
export function trainingRoutes(app: App, { db, clock }: Deps): void {
  const thisYear = () => Number(clock.today().slice(0, 4));

  app.get('/api/trainings', {
    config: { permission: 'training:course:view' },
    schema: {
      tags,
      summary: '培训班列表（主办党组织在当前用户范围内）：可按主办党组织、年度、培训对象类别、名称筛选',
      querystring: trainingListQuery,
      response: { 200: trainingPage },
    },
    handler: (req) => svc.listCourses(db, req.actor!, req.query),
  });

  app.post('/api/trainings', {
    config: { permission: 'training:course:manage', audit: 'training.create' },
    schema: {
      tags,
      summary:
        '举办培训班：主办党组织、名称、培训对象类别（干部教育培训规划的四类）、起止日期、学时、参训人员',
      body: createTrainingBody,
      response: { 201: trainingDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createCourse(trx, req.actor!, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getCourse(db, req.actor!, id);
    },
  });

  app.get('/api/trainings/:id', {
    config: { permission: 'training:course:view' },
    schema: {
      tags,
      summary: '培训班详情：参训人员的签到、缺课学时和计入学时（缺课超过总学时七分之一的不计）',
      params: idParams,
      response: { 200: trainingDetail },
    },
    handler: (req) => svc.getCourse(db, req.actor!, req.params.id),
  });

  app.post('/api/trainings/:id/attendees', {
    config: { permission: 'training:course:manage', audit: 'training.enrol' },
    schema: {
      tags,
      summary: '培训班增加参训人员（已在名单中的不变）',
      params: idParams,
      body: enrolTrainingBody,
      response: { 200: trainingDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.enrolPeople(trx, req.actor!, req.params.id, req.body.personIds, clock.now(), change),
      );
      return svc.getCourse(db, req.actor!, req.params.id);
    },
  });

  app.post('/api/trainings/:id/attendance', {
    config: { permission: 'training:course:manage', audit: 'training.attendance' },
    schema: {
      tags,
      summary: '登记一名参训人员的签到（及缺课学时）或缺席',
      params: idParams,
      body: trainingAttendanceBody,
      response: { 200: trainingDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.markAttendance(trx, req.actor!, req.params.id, req.body, clock.today(), clock.now(), change),
      );
      return svc.getCourse(db, req.actor!, req.params.id);
    },
  });

  app.post('/api/external-trainings', {
    config: { permission: 'training:course:manage', audit: 'training.external.create' },
    schema: {
      tags,
      summary:
        '录入外部培训（上级调训、网络培训等）：有证书编号的填写编号；没有可查证记录的，录入后上传证书文件',
      body: createExternalTrainingBody,
      response: { 201: externalTraining },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, (trx, change) =>
        svc.createExternal(trx, req.actor!, req.body, change),
      );
      reply.status(201);
      return svc.getExternal(db, req.actor!, id);
    },
  });

  app.get('/api/external-trainings/:id', {
    config: { permission: 'training:course:view' },
    schema: { tags, summary: '外部培训记录', params: idParams, response: { 200: externalTraining } },
    handler: (req) => svc.getExternal(db, req.actor!, req.params.id),
  });

  app.get('/api/external-trainings/:id/certificate', {
    config: { permission: 'training:course:view' },
    schema: { tags, summary: '下载外部培训证书文件', params: idParams, response: { 200: file } },
    handler: async (req, reply) => {
      const f = await svc.getCertificate(db, req.actor!, req.params.id);
      const ascii = `external-training-${req.params.id}${asciiExtension(f.fileName)}`;
      return sendDownload(reply, f.type, f.fileName, f.content, ascii);
    },
  });

  app.get('/api/training-hours', {
    config: { permission: 'training:course:view' },
    schema: {
      tags,
      summary:
        '人员学时（按年度）：培训班、外部培训、党课和主题党日学习环节折算的学时，对照要求（党员32、书记和班子成员56）；可按党组织、人员类别、是否不足筛选，按党组织排列，不排名',
      querystring: trainingHoursQuery,
      response: { 200: trainingHoursPage },
    },
    handler: (req) => svc.listHours(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/training-hours.xlsx', {
    config: { permission: 'training:course:view' },
    schema: {
      tags,
      summary: '下载学时登记表（Excel，按列表当前的筛选条件）',
      querystring: trainingHoursLedgerQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildHoursLedger(db, req.actor!, req.query, clock.today());
      return sendDownload(reply, xlsxContentType, fileName, buffer, `training-hours-${clock.today()}.xlsx`);
    },
  });

  app.get('/api/training-hours/:personId', {
    config: { permission: 'training:course:view' },
    schema: {
      tags,
      summary: '一名党员的年度学时及每一学时的来源',
      params: personHoursParams,
      querystring: trainingYearQuery,
      response: { 200: personTrainingHours },
    },
    handler: (req) => svc.getPersonHours(db, req.actor!, req.params.personId, req.query.year ?? thisYear()),
  });

  app.get('/api/me/training-hours', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '我的学时：本人年度学时、要求及每一学时的来源',
      querystring: trainingYearQuery,
      response: { 200: personTrainingHours },
    },
    handler: (req) => svc.getMyHours(db, req.actor!, req.query.year ?? thisYear()),
  });

  app.get('/api/training-incentives', {
    config: { permission: 'training:incentive:view' },
    schema: {
      tags,
      summary: '党务工作激励（按年度）：支部书记、委员、党小组长的服务工作量，双带头人书记的课时减免',
      querystring: trainingIncentiveQuery,
      response: { 200: trainingIncentives },
    },
    handler: (req) => svc.listIncentives(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/training-incentives.xlsx', {
    config: { permission: 'training:incentive:view' },
    schema: {
      tags,
      summary: '下载党务工作激励表（Excel，供人事部门）',
      querystring: trainingIncentiveQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildIncentiveLedger(db, req.actor!, req.query, clock.today());
      return sendDownload(
        reply,
        xlsxContentType,
        fileName,
        buffer,
        `training-incentives-${clock.today()}.xlsx`,
      );
    },
  });

  app.get('/api/settings/training', {
    config: { permission: 'setting:rule:view' },
    schema: { tags, summary: '培训学时折算与党务工作激励设置', response: { 200: trainingSettingsResponse } },
    handler: () => getTrainingSettings(db),
  });

  app.put('/api/settings/training', {
    config: { permission: 'setting:rule:edit', audit: 'setting.training.update' },
    schema: {
      tags,
      summary: '修改培训学时折算（每次党课、主题党日学习环节计多少学时）、提醒月份和党务工作激励',
      body: trainingSettingsBody,
      response: { 200: trainingSettingsResponse },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        updateTrainingSettings(trx, req.body, req.actor!.userId, clock.now(), change),
      ),
  });

  // The certificate upload alone takes a raw body (the file), up to its own limit.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: trainingLimits.certificateBytes },
      (_req, body, done) => done(null, body),
    );
    files.post('/api/external-trainings/:id/certificate', {
      bodyLimit: trainingLimits.certificateBytes,
      errorHandler: (error) => {
        if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `文件超过 ${trainingLimits.certificateBytes / 1024 / 1024} MB 的上限`,
          );
        throw error;
      },
      config: { permission: 'training:course:manage', audit: 'training.external.certificate' },
      schema: {
        tags,
        summary: '上传外部培训证书文件（请求体为文件内容，PDF 或图片）：仅在没有证书编号可查证时使用',
        params: idParams,
        querystring: certificateFileQuery,
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传文件' })
          .meta({ type: 'string', format: 'binary', description: '文件内容（不超过 10 MB）' }),
        response: { 201: externalTraining },
      },
      handler: async (req, reply) => {
        await runWrite(db, req, (trx, change) =>
          svc.uploadCertificate(trx, req.actor!, req.params.id, req.query.fileName, req.body, change),
        );
        reply.status(201);
        return svc.getExternal(db, req.actor!, req.params.id);
      },
    });
  });
}
