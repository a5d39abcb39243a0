import {
  ballotDetail,
  ballotTally,
  batchParams,
  castVoteBody,
  castVoteResponse,
  createPaperBatchBody,
  idParams,
  markPaperVotersBody,
  myBallotsResponse,
  paperEntryBody,
} from '@dangjian/core';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import * as svc from './service.ts';

const tags = ['投票'];

/**
 * Ballots (投票): 我的投票 and the vote (voters on the roll), the tally (the organiser once closed, voters once
 * published), and the organiser's page and steps: close, paper voters, paper batches entered by two counters, publish.
 */
export function ballotRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/me/ballots', {
    config: { permission: 'ballot:ballot:vote' },
    schema: {
      tags,
      summary: '我的投票：本人在投票人名单中的投票（进行中的在前），是否已投，已公布的计票结果',
      response: { 200: myBallotsResponse },
    },
    handler: (req) => svc.listMyBallots(db, req.actor!, clock.now()),
  });

  app.post('/api/ballots/:id/votes', {
    config: { permission: 'ballot:ballot:vote', audit: 'ballot.vote' },
    schema: {
      tags,
      summary:
        '投票：每个投票对象选择一个等次（允许弃权的可不选）；每人只能投一次，选票与投票人不关联，审计只记录已投票',
      params: idParams,
      body: castVoteBody,
      response: { 201: castVoteResponse },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.castVote(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      reply.status(201);
      return { ok: true as const, ballotId: req.params.id };
    },
  });

  app.get('/api/ballots/:id/tally', {
    config: { permission: 'ballot:ballot:vote' },
    schema: {
      tags,
      summary: '计票结果：投票结束后组织者可查看，公布后投票人可查看；结束前任何人都不能查看',
      params: idParams,
      response: { 200: ballotTally },
    },
    handler: (req) => svc.getTallyFor(db, req.actor!, req.params.id, clock.now()),
  });

  app.get('/api/ballots/:id', {
    config: { permission: 'ballot:ballot:manage' },
    schema: {
      tags,
      summary: '投票详情（组织者）：投票进度（已投人数和名单，不含任何选择）、纸质选票批次、结束后的计票结果',
      params: idParams,
      response: { 200: ballotDetail },
    },
    handler: (req) => svc.getBallotDetail(db, req.actor!, req.params.id, clock.now()),
  });

  app.post('/api/ballots/:id/close', {
    config: { permission: 'ballot:ballot:manage', audit: 'ballot.close' },
    schema: {
      tags,
      summary: '结束投票（组织者，在设定的结束时间之前）',
      params: idParams,
      response: { 200: ballotDetail },
    },
    handler: async (req) => {
      const now = clock.now();
      await runWrite(db, req, (trx, change) =>
        svc.closeByOrganiser(trx, req.actor!, req.params.id, now, change),
      );
      return svc.getBallotDetail(db, req.actor!, req.params.id, now);
    },
  });

  app.post('/api/ballots/:id/publish', {
    config: { permission: 'ballot:ballot:manage', audit: 'ballot.publish' },
    schema: {
      tags,
      summary: '公布计票结果（组织者，投票结束且纸质选票全部两人录入一致后），通知投票人',
      params: idParams,
      response: { 200: ballotDetail },
    },
    handler: async (req) => {
      const now = clock.now();
      await runWrite(db, req, (trx, change) =>
        svc.publishBallot(trx, req.actor!, req.params.id, now, change),
      );
      return svc.getBallotDetail(db, req.actor!, req.params.id, now);
    },
  });

  app.post('/api/ballots/:id/paper-voters', {
    config: { permission: 'ballot:ballot:manage', audit: 'ballot.paper_voters' },
    schema: {
      tags,
      summary: '登记纸质投票人（组织者，投票期间）：交了纸质选票或因外出书面投票的投票人，不能再在手机上投票',
      params: idParams,
      body: markPaperVotersBody,
      response: { 200: ballotDetail },
    },
    handler: async (req) => {
      const now = clock.now();
      await runWrite(db, req, (trx, change) =>
        svc.markPaperVoters(trx, req.actor!, req.params.id, req.body.paperVoterIds, now, change),
      );
      return svc.getBallotDetail(db, req.actor!, req.params.id, now);
    },
  });

  app.post('/api/ballots/:id/paper-batches', {
    config: { permission: 'ballot:ballot:manage', audit: 'ballot.paper_batch' },
    schema: {
      tags,
      summary: '登记一批纸质选票（组织者，投票结束后），由两名计票人分别录入',
      params: idParams,
      body: createPaperBatchBody,
      response: { 201: ballotDetail },
    },
    handler: async (req, reply) => {
      const now = clock.now();
      await runWrite(db, req, (trx, change) =>
        svc.createPaperBatch(trx, req.actor!, req.params.id, req.body, now, change),
      );
      reply.status(201);
      return svc.getBallotDetail(db, req.actor!, req.params.id, now);
    },
  });

  app.post('/api/ballots/:id/paper-batches/:batchId/entries', {
    config: { permission: 'ballot:ballot:manage', audit: 'ballot.paper_entry' },
    schema: {
      tags,
      summary:
        '录入一批纸质选票的计票（计票人）：两名不同的计票人分别录入，一致才计入；不一致时逐项列出差异，重新清点后再录入',
      params: batchParams,
      body: paperEntryBody,
      response: { 200: ballotDetail },
    },
    handler: async (req) => {
      const now = clock.now();
      await runWrite(db, req, (trx, change) =>
        svc.enterPaperBatch(trx, req.actor!, req.params.id, req.params.batchId, req.body, now, change),
      );
      return svc.getBallotDetail(db, req.actor!, req.params.id, now);
    },
  });
}
