import { type ComplianceMatrixResponse, complianceRates, isIsoDate } from '@dangjian/core';
import { Card, Flex, Segmented, Skeleton, Table, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { formatPercent } from '../../lib/format';
import { useComplianceMatrix } from './api';
import { ComplianceMatrixTable, MatrixLegend } from './matrix';
import { RemindersCard } from './reminders';

/**
 * 完成率 of the rows shown, per 党总支 (and the 党委 with its 直属党支部) and in all: met ÷ due requirements of the
 * window, grouped by core's complianceRates as the home page and the overview group them.
 */
function RatesSummary({ rows }: { rows: ComplianceMatrixResponse['rows'] }) {
  const rates = useMemo(() => complianceRates({ rows }), [rows]);
  if (rates.length === 0) return null;
  const met = rates.reduce((n, r) => n + r.met, 0);
  const required = rates.reduce((n, r) => n + r.required, 0);
  const all = { key: 'all', name: '合计', met, required, rate: required > 0 ? met / required : null };
  const data = [
    ...rates.map((r) => ({
      key: String(r.superiorId),
      name: r.superiorName ?? '党委本级及直属党支部',
      met: r.met,
      required: r.required,
      rate: r.rate,
    })),
    ...(rates.length > 1 ? [all] : []),
  ];
  return (
    <Table
      size="small"
      aria-label="完成率"
      style={{ marginBottom: 16, maxWidth: 640 }}
      pagination={false}
      rowKey="key"
      dataSource={data}
      columns={[
        { title: '党组织', dataIndex: 'name', key: 'name' },
        {
          title: '完成 / 应完成',
          key: 'counts',
          align: 'right',
          render: (_, r) => `${r.met} / ${r.required}`,
        },
        { title: '完成率', key: 'rate', align: 'right', render: (_, r) => formatPercent(r.rate) },
      ]}
    />
  );
}

/** 合规矩阵: what each branch and 党小组 of the scope held, month by month, against the rules. */
export function CompliancePage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const orgIdParam = Number(search.get('orgId'));
  const orgId = Number.isInteger(orgIdParam) && orgIdParam > 0 ? orgIdParam : undefined;
  const unit = search.get('unit') === 'quarter' ? 'quarter' : 'month';
  // A window of the URL (the overview opens the year to date); else the server's last 12 months.
  const dayParam = (key: string) => {
    const v = search.get(key);
    return v && isIsoDate(v) ? v : undefined;
  };
  const from = dayParam('from');
  const to = dayParam('to');
  const matrix = useComplianceMatrix({ orgId, unit, from, to });
  const update = (next: { orgId?: number | undefined; unit?: 'month' | 'quarter' }) => {
    const params = new URLSearchParams();
    const o = 'orgId' in next ? next.orgId : orgId;
    const u = next.unit ?? unit;
    if (o) params.set('orgId', String(o));
    if (u !== 'month') params.set('unit', u);
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    setSearch(params);
  };
  const open = useCallback(
    (id: number, from: string, to: string) => navigate(`/activities?orgId=${id}&from=${from}&to=${to}`),
    [navigate],
  );

  return (
    <PageContainer title="合规矩阵">
      <Flex vertical gap={16}>
        <Card>
          <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
            <Flex gap={12} wrap align="center">
              <OrgPicker
                value={orgId ?? null}
                onChange={(id) => update({ orgId: id ?? undefined })}
                placeholder="全部（我的范围）"
                style={{ width: 280 }}
              />
              <Segmented
                value={unit}
                onChange={(v) => update({ unit: v as 'month' | 'quarter' })}
                options={[
                  { label: '按月', value: 'month' },
                  { label: '按季度', value: 'quarter' },
                ]}
              />
            </Flex>
            <MatrixLegend />
          </Flex>
          {matrix.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
          {matrix.isError ? <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} /> : null}
          {matrix.data ? (
            <>
              <Typography.Paragraph type="secondary">
                {matrix.data.from} 至 {matrix.data.to}
                ，只计已归档的记录；季度、学期和年度要求记在其最后一个月（季度）。 数据日期{' '}
                {matrix.data.today}。
              </Typography.Paragraph>
              <RatesSummary rows={matrix.data.rows} />
              <ComplianceMatrixTable data={matrix.data} onOpen={open} />
            </>
          ) : null}
        </Card>
        <RemindersCard />
      </Flex>
    </PageContainer>
  );
}
