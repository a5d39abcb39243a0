import { PrinterOutlined } from '@ant-design/icons';
import type { Overview } from '@dangjian/core';
import { Button, Col, Flex, Row, Select, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/auth';
import { AssessmentStarsCard } from '../assessments/overview-card';
import { useOverview } from './api';
import { CompletionRates } from './completion';
import { KeyFigures } from './figures';
import { FindingsByUnit } from './findings';
import { PipelineStages } from './pipeline';
import './print.css';

/** How many past years the year picker offers. */
const pastYears = 4;

/** The overview's sections: key figures, problems per 党总支, completion rates, the 发展党员 pipeline, the stars. */
function OverviewSections({ data }: { data: Overview }) {
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        数据截至 {data.asOf}，与去年同期（{data.lastYearAsOf}）比较；点击任一数字可打开对应的名单。
      </Typography.Text>
      <KeyFigures data={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12} className="dj-print-full">
          <FindingsByUnit data={data.findings} />
        </Col>
        <Col xs={24} xl={12} className="dj-print-full">
          <CompletionRates data={data} />
        </Col>
      </Row>
      <PipelineStages data={data.pipeline} />
      <AssessmentStarsCard year={data.year} />
    </Flex>
  );
}

/** 打印: the browser's print dialog; print.css leaves out the menu and header and fits the page to A4. */
function PrintButton() {
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="dj-no-print">
      打印
    </Button>
  );
}

/** The overview of one year (this year by default) with its loading and error states. */
function OverviewBody({
  year,
  header,
}: {
  year?: number | undefined;
  header: (data?: Overview) => ReactNode;
}) {
  const overview = useOverview(year);
  return (
    <div className="dj-overview">
      {header(overview.data)}
      {overview.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : null}
      {overview.data ? <OverviewSections data={overview.data} /> : null}
    </div>
  );
}

/**
 * 首页 of the 校领导 and the 组织部: the overview of this year under an h2 (the page's h1 is 首页), with 打印
 * and a link to the page that can show other years.
 */
export function OverviewHomeSection() {
  const me = useMe();
  return (
    <OverviewBody
      header={() => (
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {me.school.name}党建工作概览
          </Typography.Title>
          <Flex gap={12} wrap align="center" className="dj-no-print">
            <Link to="/overview">往年概览</Link>
            <PrintButton />
          </Flex>
        </Flex>
      )}
    />
  );
}

/** /overview (党建工作概览): any year's overview, printable on A4. */
export function OverviewPage() {
  const [search, setSearch] = useSearchParams();
  const yearParam = Number(search.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : undefined;
  return (
    <PageContainer title="党建工作概览" extra={<PrintButton />}>
      <OverviewBody
        year={year}
        header={(data) => {
          if (!data) return null;
          const thisYear = Number(data.today.slice(0, 4));
          return (
            <Flex gap={8} align="center" style={{ marginBottom: 12 }} className="dj-no-print">
              <Typography.Text>年度</Typography.Text>
              <Select<number>
                aria-label="年度"
                value={data.year}
                onChange={(y) => setSearch(y === thisYear ? {} : { year: String(y) }, { replace: true })}
                options={Array.from({ length: pastYears + 1 }, (_, i) => ({
                  value: thisYear - i,
                  label: i === 0 ? `${thisYear}年（截至今天）` : `${thisYear - i}年`,
                }))}
                style={{ width: 180 }}
              />
            </Flex>
          );
        }}
      />
    </PageContainer>
  );
}
