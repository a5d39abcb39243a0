import {
  appointmentSettingsSchema,
  cadreAppointmentDetail,
  cadreAppointmentListQuery,
  cadreAppointmentPage,
  cadreAppointmentStepBody,
  createCadreAppointmentBody,
  idParams,
} from '@dangjian/core';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { getAppointmentSettings, updateAppointmentSettings } from '../settings/service.ts';
import * as svc from './service.ts';

const tags = ['干部'];

/** 中层干部选拔任用: list, 动议, one procedure with its history and allowed steps, a step; the school's settings. */
export function cadreAppointmentRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/cadre-appointments', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary:
        '干部选拔任用列表（组织部、校领导）：可按状态、单位、正职/副职、是否有到期事项、姓名或职务筛选',
      querystring: cadreAppointmentListQuery,
      response: { 200: cadreAppointmentPage },
    },
    handler: (req) => svc.listAppointments(db, req.actor!, req.query, clock.today()),
  });

  app.post('/api/cadre-appointments', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_appointment.create' },
    schema: {
      tags,
      summary: '选拔任用动议：人员、拟任单位和职务、正职/副职、党务/行政/双肩挑、是否破格提拔',
      body: createCadreAppointmentBody,
      response: { 201: cadreAppointmentDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createAppointment(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getAppointmentDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/cadre-appointments/:id', {
    config: { permission: 'cadre:file:view' },
    schema: {
      tags,
      summary: '选拔任用详情：各步骤经过、当前可办理的步骤、任职资格问题（各注明条款）、培训学时',
      params: idParams,
      response: { 200: cadreAppointmentDetail },
    },
    handler: (req) => svc.getAppointmentDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.post('/api/cadre-appointments/:id/steps', {
    config: { permission: 'cadre:file:manage', audit: 'cadre_appointment.step' },
    schema: {
      tags,
      summary:
        '办理选拔任用步骤：民主推荐、考察（政治素质、师德师风一票否决）、党委讨论决定（关联党委会记录）、任前公示、任职（任职文号，写入干部名册）、转正、免去试任职务、终止',
      params: idParams,
      body: cadreAppointmentStepBody,
      response: { 200: cadreAppointmentDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.takeStep(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getAppointmentDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.get('/api/settings/cadre-appointments', {
    config: { permission: 'setting:rule:view' },
    schema: {
      tags,
      summary: '干部选拔任用设置：副职提任正职年限、任前公示工作日数、试用期、考察一票否决事项',
      response: { 200: appointmentSettingsSchema },
    },
    handler: () => getAppointmentSettings(db),
  });

  app.put('/api/settings/cadre-appointments', {
    config: { permission: 'setting:rule:edit', audit: 'setting.cadre_appointment.update' },
    schema: {
      tags,
      summary: '修改干部选拔任用设置（只能从严：公示不少于5个工作日，副职年限不少于2年，试用期不少于1年）',
      body: appointmentSettingsSchema,
      response: { 200: appointmentSettingsSchema },
    },
    handler: (req) =>
      runWrite(db, req, (trx, change) =>
        updateAppointmentSettings(trx, req.body, req.actor!.userId, clock.now(), change),
      ),
  });
}
