import {
  createSupervisedTaskBody,
  idParams,
  supervisedTaskDetail,
  supervisedTaskListQuery,
  supervisedTaskPage,
  supervisedTaskProgressBody,
  supervisedTaskTransitionBody,
  updateSupervisedTaskBody,
} from '@dangjian/core';
import { z } from 'zod';
import { docxContentType, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildLedger, buildSheet } from './documents.ts';
import * as svc from './service.ts';

const tags = ['督办'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });
const ledgerQuery = supervisedTaskListQuery.omit({ page: true, pageSize: true });

/** Supervised tasks (督办事项): list, 督办台账, detail, 督办单, issuing from a decision, editing, steps, progress. */
export function supervisionRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/supervised-tasks', {
    config: { permission: 'supervision:task:view' },
    schema: {
      tags,
      summary:
        '督办事项列表（交办单位、牵头单位或协办单位在当前用户范围内）：可按牵头单位、状态、是否逾期、来源会议、关键词筛选；逾期的在前，按办结期限排序',
      querystring: supervisedTaskListQuery,
      response: { 200: supervisedTaskPage },
    },
    handler: (req) => svc.listTasks(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/supervised-tasks/ledger.xlsx', {
    config: { permission: 'supervision:task:view' },
    schema: {
      tags,
      summary: '下载督办台账（Excel，按列表当前的筛选条件）',
      querystring: ledgerQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildLedger(db, req.actor!, req.query, clock.today());
      return sendDownload(reply, xlsxContentType, fileName, buffer, `supervised-tasks-${clock.today()}.xlsx`);
    },
  });

  app.post('/api/supervised-tasks', {
    config: { permission: 'supervision:task:assign', audit: 'supervised_task.create' },
    schema: {
      tags,
      summary:
        '交办督办事项：党委会、党委和党总支党务工作例会、党总支党政联席会的议定事项（决议），交给召开会议的党组织下属的牵头单位，明确协办单位、办结期限和进展报告频次',
      body: createSupervisedTaskBody,
      response: { 201: supervisedTaskDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createTask(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getTaskDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/supervised-tasks/:id', {
    config: { permission: 'supervision:task:view' },
    schema: {
      tags,
      summary: '督办事项详情：来源会议与决议、牵头和协办单位、进展报告、办理经过，以及当前用户可做的操作',
      params: idParams,
      response: { 200: supervisedTaskDetail },
    },
    handler: (req) => svc.getTaskDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.get('/api/supervised-tasks/:id/sheet.docx', {
    config: { permission: 'supervision:task:view' },
    schema: { tags, summary: '下载督办单（Word）', params: idParams, response: { 200: file } },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildSheet(db, req.actor!, req.params.id, clock.today());
      return sendDownload(reply, docxContentType, fileName, buffer, `supervised-task-${req.params.id}.docx`);
    },
  });

  app.patch('/api/supervised-tasks/:id', {
    config: { permission: 'supervision:task:assign', audit: 'supervised_task.update' },
    schema: {
      tags,
      summary:
        '修改督办事项（交办单位，在牵头单位签收前）：事项、要求、牵头和协办单位、办结期限、进展报告频次',
      params: idParams,
      body: updateSupervisedTaskBody,
      response: { 200: supervisedTaskDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.updateTask(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getTaskDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/supervised-tasks/:id/transitions', {
    // Which side may take the step (the lead unit, or the assigner) is decided per task by the service.
    config: { permission: 'supervision:task:handle', audit: 'supervised_task.transition' },
    schema: {
      tags,
      summary:
        '办理督办事项：签收、报告办结、申请延期（牵头单位）；确认办结、退回继续办理、同意或不同意延期（交办单位）',
      params: idParams,
      body: supervisedTaskTransitionBody,
      response: { 200: supervisedTaskDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.transitionTask(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getTaskDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/supervised-tasks/:id/progress', {
    config: { permission: 'supervision:task:handle', audit: 'supervised_task.progress' },
    schema: {
      tags,
      summary: '报告督办事项办理进展（牵头单位，签收后、报告办结前）',
      params: idParams,
      body: supervisedTaskProgressBody,
      response: { 201: supervisedTaskDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.addProgress(trx, req.actor!, req.params.id, req.body.note, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getTaskDetail(db, req.actor!, req.params.id, today);
    },
  });
}
