import { CheckOutlined, CloseOutlined, EyeOutlined } from '@ant-design/icons';
import { type Correction, correctionStatuses, correctionStatusLabels, limits } from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Pagination,
  Segmented,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { emptyText, formatDateTime } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  type CorrectionListParams,
  type CorrectionStatus,
  useCorrectionList,
  useDecideCorrection,
} from './api';
import { ChangeList } from './columns';

/** Colours of the request states. */
export const correctionStatusColors = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
} as const satisfies Record<CorrectionStatus, string>;

/** Tag of a request state. */
export function CorrectionStatusTag({ status }: { status: CorrectionStatus }) {
  return <Tag color={correctionStatusColors[status]}>{correctionStatusLabels[status]}</Tag>;
}

/** Who decided, when, and why. */
export function DecisionText({ c }: { c: Correction }) {
  if (!c.decidedAt) return <>{emptyText}</>;
  return (
    <Typography.Text type="secondary">
      {c.decidedByName ?? ''} {formatDateTime(c.decidedAt)}
      {c.decisionNote ? `：${c.decisionNote}` : ''}
    </Typography.Text>
  );
}

type Decision = { correction: Correction; approve: boolean } | null;

function correctionColumns(actions: (c: Correction) => ReactNode): TableColumnsType<Correction> {
  return [
    {
      title: '申请人',
      key: 'person',
      width: 100,
      render: (_, c) => <Link to={`/members/${c.personId}`}>{c.personName}</Link>,
    },
    { title: '所在组织', key: 'branch', width: 180, render: (_, c) => c.branchName ?? emptyText },
    { title: '更正内容', key: 'changes', width: 280, render: (_, c) => <ChangeList changes={c.changes} /> },
    { title: '理由', key: 'reason', width: 200, render: (_, c) => c.reason },
    { title: '申请时间', key: 'requestedAt', width: 150, render: (_, c) => formatDateTime(c.requestedAt) },
    { title: '状态', key: 'status', width: 90, render: (_, c) => <CorrectionStatusTag status={c.status} /> },
    { title: '处理结果', key: 'decision', width: 200, render: (_, c) => <DecisionText c={c} /> },
    { title: '操作', key: 'actions', width: 140, render: (_, c) => actions(c) },
  ];
}

const statusFilters = ['pending', ...correctionStatuses.filter((s) => s !== 'pending'), 'all'] as const;

/** 更正审核: members' requests to correct their records; approving applies the change. */
export function CorrectionsPage() {
  const isNarrow = useIsNarrow();
  const [params, setParams] = useState<CorrectionListParams>({ status: 'pending', page: 1, pageSize: 20 });
  const [decision, setDecision] = useState<Decision>(null);
  const list = useCorrectionList(params);
  const decide = useDecideCorrection();
  const can = useCan();
  const { modal } = App.useApp();
  const reveal = () =>
    modal.confirm({
      title: '显示更正内容中的完整身份证号和电话？',
      content: '查看完整信息将记入审计日志，请仅在工作需要时使用。',
      okText: '显示',
      cancelText: '取消',
      onOk: () => setParams((p) => ({ ...p, unmasked: true })),
    });

  const actions = (c: Correction) =>
    c.canDecide ? (
      <Flex gap={4} wrap>
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => setDecision({ correction: c, approve: true })}
        >
          同意
        </Button>
        <Button
          size="small"
          danger
          icon={<CloseOutlined />}
          onClick={() => setDecision({ correction: c, approve: false })}
        >
          驳回
        </Button>
      </Flex>
    ) : null;

  const page = list.data;
  return (
    <PageContainer title="更正审核">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          党员在“我的党员信息”中提交的更正申请。同意后，更正内容直接写入党员档案并记入时间线。
        </Typography.Text>
        {can('member:member:sensitive') ? (
          <Flex gap={8} align="center">
            {params.unmasked ? (
              <Tag color="orange">已显示完整信息（已留痕）</Tag>
            ) : (
              <Button size="small" icon={<EyeOutlined />} onClick={reveal}>
                显示完整信息
              </Button>
            )}
          </Flex>
        ) : null}
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            value={params.status ?? 'all'}
            onChange={(value) =>
              setParams((p) => ({
                ...p,
                page: 1,
                status: isOneOf(correctionStatuses, value) ? value : undefined,
              }))
            }
            options={statusFilters.map((s) => ({
              value: s,
              label: s === 'all' ? '全部' : correctionStatusLabels[s],
            }))}
          />
        </div>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {isNarrow ? (
          <Spin spinning={list.isFetching}>
            <Flex vertical gap={8}>
              {page?.items.map((c) => (
                <Card
                  key={c.id}
                  size="small"
                  title={<Link to={`/members/${c.personId}`}>{c.personName}</Link>}
                  extra={<CorrectionStatusTag status={c.status} />}
                >
                  <Flex vertical gap={6}>
                    <Typography.Text type="secondary">
                      {c.branchName ?? emptyText} · {formatDateTime(c.requestedAt)}
                    </Typography.Text>
                    <ChangeList changes={c.changes} />
                    <span>理由：{c.reason}</span>
                    {c.decidedAt ? <DecisionText c={c} /> : null}
                    {actions(c)}
                  </Flex>
                </Card>
              ))}
              {page && page.items.length === 0 ? <Empty description="没有更正申请" /> : null}
              {page && page.total > page.pageSize ? (
                <Pagination
                  simple
                  align="center"
                  current={params.page}
                  pageSize={params.pageSize}
                  total={page.total}
                  onChange={(p) => setParams((prev) => ({ ...prev, page: p }))}
                />
              ) : null}
            </Flex>
          </Spin>
        ) : (
          <Table<Correction>
            rowKey="id"
            size="middle"
            columns={correctionColumns(actions)}
            dataSource={page?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description="没有更正申请" /> }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: page?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 条`,
              onChange: (p, pageSize) => setParams((prev) => ({ ...prev, page: p, pageSize })),
            }}
          />
        )}
      </Flex>

      {decision ? (
        <FormModal<{ note?: string }>
          title={`${decision.approve ? '同意' : '驳回'}更正申请：${decision.correction.personName}`}
          open
          onClose={() => setDecision(null)}
          onSubmit={(v) =>
            decide.mutateAsync({
              id: decision.correction.id,
              body: { approve: decision.approve, note: v.note?.trim() || null },
            })
          }
          onConflict={() => void list.refetch()}
          successMessage={decision.approve ? '已同意，档案已更新' : '已驳回'}
          okText={decision.approve ? '同意并更新档案' : '驳回'}
          okDanger={!decision.approve}
        >
          <Flex vertical gap={12} style={{ marginBottom: 12 }}>
            <ChangeList changes={decision.correction.changes} />
            <Typography.Text type="secondary">理由：{decision.correction.reason}</Typography.Text>
            {decision.approve ? (
              <Alert type="info" showIcon title="同意后以上内容将写入该党员的档案。" />
            ) : null}
          </Flex>
          <Form.Item
            name="note"
            label={decision.approve ? '处理意见（可不填）' : '驳回理由'}
            rules={[
              ...(decision.approve
                ? []
                : [{ required: true, whitespace: true, message: '驳回时须说明理由' }]),
              { max: limits.note.max, message: `不能超过 ${limits.note.max} 个字符` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={limits.note.max} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </PageContainer>
  );
}
