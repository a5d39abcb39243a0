import type { AuditEntry, AuditVerifyResult } from '@dangjian/core';
import { Card, Form, Table } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { type AuditParams, useAuditLog } from './api';
import { auditColumns } from './columns';
import { AuditDiffView } from './diff-view';
import { AuditFilterForm, type AuditFilterValues, toAuditFilters } from './form';
import { VerifyResult, VerifyToolbar } from './verify';

/** 审计日志: who did what and when, with before/after snapshots, the keyed chain's check and signed checkpoints. */
export function AuditPage() {
  const can = useCan();
  const [form] = Form.useForm<AuditFilterValues>();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 20 });
  const log = useAuditLog(params);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  return (
    <PageContainer
      title="审计日志"
      extra={can('audit:log:verify') ? <VerifyToolbar onResult={setResult} /> : null}
    >
      {result ? <VerifyResult result={result} onClose={() => setResult(null)} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <AuditFilterForm
          form={form}
          onSearch={(values) =>
            setParams((p) => ({ page: 1, pageSize: p.pageSize, ...toAuditFilters(values) }))
          }
          onReset={() => setParams((p) => ({ page: 1, pageSize: p.pageSize }))}
        />
      </Card>
      {log.isError ? <QueryError error={log.error} onRetry={() => void log.refetch()} /> : null}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={auditColumns}
        dataSource={log.data?.items ?? []}
        loading={log.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (row) => (
            <AuditDiffView action={row.action} before={row.before} after={row.after} />
          ),
          rowExpandable: (row) => row.before != null || row.after != null,
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
        }}
      />
    </PageContainer>
  );
}
