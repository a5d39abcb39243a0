import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditVerifyResult } from '@dangjian/core';
import { Alert, Button, Card, Form, Table } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { useErrorHandler } from '../../lib/errors';
import { type AuditParams, useAuditLog, useVerifyAuditLog } from './api';
import { auditColumns } from './columns';
import { AuditDiffView } from './diff-view';
import { AuditFilterForm, type AuditFilterValues, toAuditFilters } from './form';

function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  return result.ok ? (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      title="审计日志完整"
      description={`已校验 ${result.checked} 条记录，哈希链完整，未发现篡改或删除。`}
      style={{ marginBottom: 16 }}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title="审计日志完整性校验未通过"
      description={`已校验 ${result.checked} 条记录；第一条异常记录编号：${result.firstBrokenId ?? '未知'}${result.reason ? `（${result.reason}）` : ''}。请立即报告安全管理员。`}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 审计日志: who did what and when, with before/after snapshots and a hash-chain check. */
export function AuditPage() {
  const can = useCan();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<AuditFilterValues>();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 20 });
  const log = useAuditLog(params);
  const verify = useVerifyAuditLog();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const runVerify = () =>
    verify.mutate(undefined, {
      onSuccess: setResult,
      onError: (error) => handleError(error),
    });

  return (
    <PageContainer
      title="审计日志"
      extra={
        can('audit:log:verify') ? (
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={runVerify}>
            校验日志完整性
          </Button>
        ) : null
      }
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
          expandedRowRender: (row) => <AuditDiffView before={row.before} after={row.after} />,
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
