import { partyStatistics, partyStatisticsQuery } from '@dangjian/core';
import { z } from 'zod';
import { sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { buildPartyStatistics } from './documents.ts';
import * as svc from './service.ts';

const tags = ['党内统计'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/** The yearly statistics of 民主评议党员 and 述职评议 (党内统计年报), on the page and as Excel. */
export function partyStatisticsRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/party-statistics', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '年度民主评议党员结果和述职评议等次统计（党内统计年报，按本人管理范围）',
      querystring: partyStatisticsQuery,
      response: { 200: partyStatistics },
    },
    handler: (req) => svc.partyStatistics(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/party-statistics.xlsx', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '下载年度民主评议党员和述职评议统计（Excel）',
      querystring: partyStatisticsQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildPartyStatistics(db, req.actor!, req.query, clock.today());
      return sendDownload(reply, xlsxContentType, fileName, buffer, `party-statistics-${clock.today()}.xlsx`);
    },
  });
}
