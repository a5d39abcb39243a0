import { Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useComplianceMatrix } from './api';
import { ComplianceMatrixTable, MatrixLegend } from './matrix';
import { RemindersCard } from './reminders';

/** 合规矩阵: what each branch and 党小组 of the scope held, month by month, against the rules. */
export function CompliancePage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const orgIdParam = Number(search.get('orgId'));
  const orgId = Number.isInteger(orgIdParam) && orgIdParam > 0 ? orgIdParam : undefined;
  const unit = search.get('unit') === 'quarter' ? 'quarter' : 'month';
  const matrix = useComplianceMatrix({ orgId, unit });
  const update = (next: { orgId?: number | undefined; unit?: 'month' | 'quarter' }) => {
    const params = new URLSearchParams();
    const o = 'orgId' in next ? next.orgId : orgId;
    const u = next.unit ?? unit;
    if (o) params.set('orgId', String(o));
    if (u !== 'month') params.set('unit', u);
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
              <ComplianceMatrixTable data={matrix.data} onOpen={open} />
            </>
          ) : null}
        </Card>
        <RemindersCard />
      </Flex>
    </PageContainer>
  );
}
