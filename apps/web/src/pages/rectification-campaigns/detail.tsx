import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CampaignDetail,
  type CampaignFigures,
  type CampaignPart,
  type CampaignRow,
  campaignKindLabels,
  campaignLimits,
  campaignNoProblemsStatement,
  campaignPartLabels,
  campaignTransitionLabels,
  type RectificationItem,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Result,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { emptyText, formatDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatShanghai } from '../activities/columns';
import { rectificationPath } from '../rectification/api';
import { DeadlineView, RectificationStatusTag } from '../rectification/columns';
import {
  reportUrl,
  useCampaignDetail,
  useCampaignItems,
  useReturnPart,
  useSubmitList,
  useSubmitSummary,
} from './api';
import { ProgressView, SubmissionTag } from './columns';
import { CampaignItemDrawer } from './form';

/** 问题 N 个，已销号 N 个，整改中 N 个，逾期 N 个 — the records' figures. */
function FiguresText({ figures }: { figures: CampaignFigures }) {
  return (
    <span>
      问题 {figures.items} 个，已销号 {figures.closed} 个，整改中 {figures.open} 个
      {figures.overdue > 0 ? (
        <Typography.Text type="danger">，逾期 {figures.overdue} 个</Typography.Text>
      ) : (
        '，无逾期'
      )}
    </span>
  );
}

type Dialog =
  | { kind: 'list'; row: CampaignRow }
  | { kind: 'summary'; row: CampaignRow }
  | { kind: 'return'; row: CampaignRow; part: CampaignPart }
  | { kind: 'item'; row: CampaignRow };

/** The dialogs of one campaign: submit a list or a summary, return either. */
function Dialogs({
  c,
  dialog,
  onClose,
  onConflict,
}: {
  c: CampaignDetail;
  dialog: Dialog | null;
  onClose: () => void;
  onConflict: () => void;
}) {
  const submitList = useSubmitList(c.id);
  const submitSummary = useSubmitSummary(c.id);
  const returnPart = useReturnPart(c.id);
  if (!dialog) return null;
  const { row } = dialog;
  if (dialog.kind === 'item') return <CampaignItemDrawer campaign={c} org={row.org} open onClose={onClose} />;
  if (dialog.kind === 'list') {
    const empty = row.figures.items === 0;
    return (
      <FormModal<{ noProblems?: boolean; note?: string }>
        title={`提交问题清单：${row.org.name}`}
        open
        onClose={onClose}
        onConflict={onConflict}
        okText="提交"
        successMessage="问题清单已提交"
        onSubmit={(v) =>
          submitList.mutateAsync({
            orgId: row.org.id,
            noProblems: empty ? (v.noProblems ?? false) : false,
            note: v.note?.trim() ? v.note.trim() : null,
            version: row.version,
          })
        }
      >
        <Typography.Paragraph>
          {empty
            ? '尚未登记问题。确实没有问题的，请确认后提交。'
            : `已登记 ${row.figures.items} 个问题，提交后即为本单位的问题清单；提交后不能再登记，确需补充的请上级党组织退回。`}
        </Typography.Paragraph>
        {empty ? (
          <Form.Item
            name="noProblems"
            valuePropName="checked"
            rules={[
              {
                validator: (_, checked: boolean | undefined) =>
                  checked
                    ? Promise.resolve()
                    : Promise.reject(new Error(`请确认“${campaignNoProblemsStatement}”`)),
              },
            ]}
          >
            <Checkbox>{campaignNoProblemsStatement}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={campaignLimits.note.max} showCount placeholder="选填" />
        </Form.Item>
      </FormModal>
    );
  }
  if (dialog.kind === 'summary')
    return (
      <FormModal<{ summary: string }>
        title={`提交整改总结：${row.org.name}`}
        open
        onClose={onClose}
        onConflict={onConflict}
        okText="提交"
        successMessage="整改总结已提交"
        width={640}
        initialValues={{ summary: row.summary ?? '' }}
        onSubmit={(v) =>
          submitSummary.mutateAsync({ orgId: row.org.id, summary: v.summary.trim(), version: row.version })
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              整改数据由平台按整改事项统计，不需填写：
              <FiguresText figures={row.figures} />
            </span>
          }
        />
        <Form.Item
          name="summary"
          label="整改总结"
          rules={[
            { required: true, whitespace: true, message: '请填写整改总结' },
            { min: campaignLimits.summary.min, message: `至少 ${campaignLimits.summary.min} 个字` },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 16 }}
            maxLength={campaignLimits.summary.max}
            showCount
          />
        </Form.Item>
      </FormModal>
    );
  const what = campaignPartLabels[dialog.part];
  return (
    <FormModal<{ reason: string }>
      title={`退回${what}：${row.org.name}`}
      open
      onClose={onClose}
      onConflict={onConflict}
      okText="退回"
      okDanger
      successMessage={`已退回${what}`}
      onSubmit={(v) =>
        returnPart.mutateAsync({
          orgId: row.org.id,
          part: dialog.part,
          reason: v.reason.trim(),
          version: row.version,
        })
      }
    >
      <Typography.Paragraph type="secondary">
        退回后{row.org.name}修改后重新提交，其书记会收到通知和待办。
      </Typography.Paragraph>
      <Form.Item
        name="reason"
        label="退回理由"
        rules={[{ required: true, whitespace: true, message: '请说明需要补充或修改的内容' }]}
      >
        <Input.TextArea rows={3} maxLength={campaignLimits.reason.max} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** The items of the campaign's lists in the user's scope, linked to their pages. */
function ItemsList({ campaignId }: { campaignId: number }) {
  const [page, setPage] = useState(1);
  const items = useCampaignItems(campaignId, page);
  if (items.isError) return <QueryError error={items.error} onRetry={() => void items.refetch()} />;
  return (
    <List<RectificationItem>
      loading={items.isPending}
      dataSource={items.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有登记问题" /> }}
      pagination={
        (items.data?.total ?? 0) > 10
          ? { current: page, pageSize: 10, total: items.data?.total ?? 0, onChange: setPage, size: 'small' }
          : false
      }
      renderItem={(i) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex justify="space-between" gap={8} align="start" wrap>
              <Link to={rectificationPath(i.id)} style={{ overflowWrap: 'anywhere' }}>
                {i.problem}
              </Link>
              <RectificationStatusTag status={i.status} reopenCount={i.reopenCount} />
            </Flex>
            <Space size={8} wrap>
              <Typography.Text type="secondary">{i.orgName}</Typography.Text>
              {i.responsiblePerson ? (
                <Typography.Text type="secondary">责任人 {i.responsiblePerson.name}</Typography.Text>
              ) : null}
              <DeadlineView item={i} />
            </Space>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** An org's own problems (the items of its list), linked to their pages. */
function RowItems({ row }: { row: CampaignRow }) {
  if (row.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有登记问题" />;
  return (
    <List<CampaignRow['items'][number]>
      size="small"
      dataSource={row.items}
      renderItem={(i) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex justify="space-between" gap={8} align="start" wrap>
              <Link to={rectificationPath(i.id)} style={{ overflowWrap: 'anywhere' }}>
                {i.problem}
              </Link>
              <RectificationStatusTag status={i.status} />
            </Flex>
            <Space size={8} wrap>
              {i.responsiblePersonName ? (
                <Typography.Text type="secondary">责任人 {i.responsiblePersonName}</Typography.Text>
              ) : null}
              <Typography.Text type="secondary">期限 {formatDate(i.nextDue)}</Typography.Text>
              {i.overdue ? (
                <Tag color="red" style={{ marginInlineEnd: 0 }}>
                  逾期
                </Tag>
              ) : null}
            </Space>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One org's history: submitted, returned (with the reason), submitted again. */
function RowHistory({ row }: { row: CampaignRow }) {
  if (row.events.length === 0) return <Typography.Text type="secondary">尚未提交</Typography.Text>;
  return (
    <Timeline
      items={row.events.map((e, i) => ({
        key: `${e.at}-${i}`,
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatShanghai(e.at)} {e.actorName ?? ''}
            </Typography.Text>
            <div>
              <Tag>{campaignTransitionLabels[e.kind]}</Tag>
              {e.note}
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** What a row's list says beyond its status: 经自查未发现问题, or returned. */
function ListNotes({ row }: { row: CampaignRow }) {
  return (
    <>
      {row.noProblems ? <Tag style={{ marginInlineEnd: 0 }}>{campaignNoProblemsStatement}</Tag> : null}
      {row.listReturn ? (
        <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
          已退回
        </Tag>
      ) : null}
    </>
  );
}

/** The submitted summary: its text and the figures as they stood when it went in. */
function SummaryView({ row }: { row: CampaignRow }) {
  if (!row.summarySubmittedAt || !row.summary) return null;
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>整改总结</Typography.Text>
      {row.summaryFigures ? (
        <Typography.Text type="secondary">
          提交时：
          <FiguresText figures={row.summaryFigures} />
        </Typography.Text>
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {row.summary}
      </Typography.Paragraph>
    </Flex>
  );
}

/** The buttons the server allows on a row. */
function RowActions({ row, open }: { row: CampaignRow; open: (d: Dialog) => void }) {
  const a = row.abilities;
  return (
    <Space wrap size={4}>
      {a.registerItems ? (
        <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'item', row })}>
          登记问题
        </Button>
      ) : null}
      {a.submit_list ? (
        <Button size="small" type="primary" onClick={() => open({ kind: 'list', row })}>
          提交问题清单
        </Button>
      ) : null}
      {a.submit_summary ? (
        <Button size="small" type="primary" onClick={() => open({ kind: 'summary', row })}>
          提交整改总结
        </Button>
      ) : null}
      {a.return_list ? (
        <Button size="small" danger onClick={() => open({ kind: 'return', row, part: 'list' })}>
          退回问题清单
        </Button>
      ) : null}
      {a.return_summary ? (
        <Button size="small" danger onClick={() => open({ kind: 'return', row, part: 'summary' })}>
          退回整改总结
        </Button>
      ) : null}
    </Space>
  );
}

/** The user's own org (a secretary's branch or 总支): what it has to do, its problems and its summary. */
function OwnCard({ c, row, open }: { c: CampaignDetail; row: CampaignRow; open: (d: Dialog) => void }) {
  return (
    <Card title={`本单位：${row.org.name}`}>
      <Flex vertical gap={12}>
        <RowActions row={row} open={open} />
        {row.listReturn ? (
          <Alert
            type="warning"
            showIcon
            title={`问题清单被${row.listReturn.by ?? '上级党组织'}退回：${row.listReturn.reason}`}
          />
        ) : null}
        {row.summaryReturn ? (
          <Alert
            type="warning"
            showIcon
            title={`整改总结被${row.summaryReturn.by ?? '上级党组织'}退回：${row.summaryReturn.reason}`}
          />
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'list',
              label: `问题清单（截止 ${formatDate(c.listDueOn)}）`,
              children: (
                <Space size={4} wrap>
                  <SubmissionTag status={row.listStatus} at={row.listSubmittedAt} />
                  <ListNotes row={row} />
                </Space>
              ),
            },
            {
              key: 'summary',
              label: `整改总结（截止 ${formatDate(c.summaryDueOn)}）`,
              children: <SubmissionTag status={row.summaryStatus} at={row.summarySubmittedAt} />,
            },
            {
              key: 'figures',
              label: '整改情况',
              span: 'filled',
              children: <FiguresText figures={row.figures} />,
            },
          ]}
        />
        <RowItems row={row} />
        <SummaryView row={row} />
      </Flex>
    </Card>
  );
}

/** 报送情况: every org in the user's scope, who has not submitted first (the server's order). */
function ProgressTable({ c, open }: { c: CampaignDetail; open: (d: Dialog) => void }) {
  const isNarrow = useIsNarrow();
  const columns: TableColumnsType<CampaignRow> = [
    {
      title: '党组织',
      key: 'org',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>{r.org.name}</span>
          {r.parentName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.parentName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '问题清单',
      key: 'list',
      render: (_, r) => (
        <Space size={4} wrap>
          <SubmissionTag status={r.listStatus} at={r.listSubmittedAt} />
          <ListNotes row={r} />
        </Space>
      ),
      width: 220,
    },
    {
      title: '问题 / 已销号',
      key: 'figures',
      render: (_, r) => (
        <span>
          {r.figures.items} / {r.figures.closed}
          {r.figures.overdue > 0 ? (
            <Typography.Text type="danger">（逾期 {r.figures.overdue}）</Typography.Text>
          ) : null}
        </span>
      ),
      width: 130,
    },
    {
      title: '整改总结',
      key: 'summary',
      render: (_, r) => <SubmissionTag status={r.summaryStatus} at={r.summarySubmittedAt} />,
      width: 170,
    },
    { title: '操作', key: 'actions', render: (_, r) => <RowActions row={r} open={open} />, width: 220 },
  ];
  const expanded = (r: CampaignRow) => (
    <Flex vertical gap={8}>
      {r.listReturn ? (
        <Typography.Text type="warning">
          问题清单退回理由：{r.listReturn.reason}（{r.listReturn.by ?? ''}）
        </Typography.Text>
      ) : null}
      {r.summaryReturn ? (
        <Typography.Text type="warning">
          整改总结退回理由：{r.summaryReturn.reason}（{r.summaryReturn.by ?? ''}）
        </Typography.Text>
      ) : null}
      {r.listNote ? <Typography.Text>说明：{r.listNote}</Typography.Text> : null}
      {r.items.length > 0 ? <RowItems row={r} /> : null}
      <SummaryView row={r} />
      <RowHistory row={r} />
    </Flex>
  );
  if (isNarrow)
    return (
      <Flex vertical gap={8}>
        {c.rows.map((r) => (
          <Card size="small" key={r.org.id}>
            <Flex vertical gap={6}>
              <Typography.Text strong>{r.org.name}</Typography.Text>
              {r.parentName ? <Typography.Text type="secondary">{r.parentName}</Typography.Text> : null}
              <Space size={4} wrap>
                <span>问题清单</span>
                <SubmissionTag status={r.listStatus} at={r.listSubmittedAt} />
                <ListNotes row={r} />
              </Space>
              <Space size={4} wrap>
                <span>整改总结</span>
                <SubmissionTag status={r.summaryStatus} at={r.summarySubmittedAt} />
              </Space>
              <FiguresText figures={r.figures} />
              <RowActions row={r} open={open} />
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  return (
    <Table<CampaignRow>
      size="small"
      rowKey={(r) => r.org.id}
      columns={columns}
      dataSource={c.rows}
      pagination={
        c.rows.length > 100
          ? { defaultPageSize: 100, showSizeChanger: true, showTotal: (n) => `共 ${n} 个党组织` }
          : false
      }
      expandable={{
        expandedRowRender: expanded,
        rowExpandable: (r) => r.events.length > 0 || r.items.length > 0,
      }}
    />
  );
}

/**
 * One campaign: its requirements and dates, the user's own org with its problems and buttons (register, submit the
 * list, submit the summary), the progress of every org in scope (who has not submitted first, with the buttons to
 * return), the problems of the lists, and the 报送情况汇总表.
 */
export function CampaignDetailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useCampaignDetail(valid ? id : null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const isNarrow = useIsNarrow();

  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result
        status="404"
        title="问题清单不存在"
        extra={<Link to="/rectification-campaigns">返回问题清单</Link>}
      />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  if (!c) return <Skeleton active />;

  const own = c.ownRow ? (c.rows.find((r) => r.org.id === c.ownRow!.orgId) ?? null) : null;
  const others = c.rows.filter((r) => r !== own);
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '类型', children: campaignKindLabels[c.kind] },
    { key: 'issuer', label: '部署单位', children: c.issuerOrg.name },
    { key: 'issued', label: '部署日期', children: formatDate(c.issuedOn) },
    { key: 'by', label: '部署人', children: c.createdByName ?? emptyText },
    { key: 'list', label: '问题清单报送截止', children: formatDate(c.listDueOn) },
    { key: 'summary', label: '整改总结报送截止', children: formatDate(c.summaryDueOn) },
    {
      key: 'description',
      label: '工作要求',
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description ?? emptyText}</span>,
    },
  ];

  return (
    <PageContainer
      title={c.name}
      breadcrumb={[{ title: '问题清单', to: '/rectification-campaigns' }, { title: c.name }]}
      extra={
        <Button icon={<DownloadOutlined />} href={reportUrl(c.id)}>
          下载报送情况汇总表
        </Button>
      }
    >
      <Flex vertical gap={16}>
        {/* On a phone the secretary's own list and its steps come first, the round's requirements after. */}
        {own && isNarrow ? <OwnCard c={c} row={own} open={setDialog} /> : null}
        <Card>
          <Descriptions
            bordered
            size="small"
            layout={isNarrow ? 'vertical' : 'horizontal'}
            column={{ xs: 1, sm: 1, md: 2 }}
            items={items}
          />
        </Card>
        {own && !isNarrow ? <OwnCard c={c} row={own} open={setDialog} /> : null}
        {others.length > 0 ? (
          <Card title="报送情况">
            <Flex vertical gap={12}>
              <Flex gap={24} wrap>
                <div style={{ minWidth: 200 }}>
                  <Typography.Text>问题清单</Typography.Text>
                  <ProgressView progress={c.progress} part="list" />
                </div>
                <div style={{ minWidth: 200 }}>
                  <Typography.Text>整改总结</Typography.Text>
                  <ProgressView progress={c.progress} part="summary" />
                </div>
                <div>
                  <Typography.Text>整改情况</Typography.Text>
                  <div>
                    <FiguresText figures={c.progress.figures} />
                  </div>
                </div>
              </Flex>
              <Typography.Text type="secondary">
                未提交和逾期未提交的在前；展开一行查看整改总结和报送经过。期限以 {formatDate(c.today)} 计。
              </Typography.Text>
              <ProgressTable c={{ ...c, rows: others }} open={setDialog} />
            </Flex>
          </Card>
        ) : null}
        {others.length > 0 ? (
          <Card title="问题清单中的问题">
            <ItemsList campaignId={c.id} />
          </Card>
        ) : null}
      </Flex>
      <Dialogs
        c={c}
        dialog={dialog}
        onClose={() => setDialog(null)}
        onConflict={() => void query.refetch()}
      />
    </PageContainer>
  );
}
