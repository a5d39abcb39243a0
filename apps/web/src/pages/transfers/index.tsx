import {
  DownloadOutlined,
  ExportOutlined,
  ImportOutlined,
  SearchOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import {
  isBranchType,
  limits,
  memberCategoryLabels,
  type OrgListItem,
  partyStatusLabels,
  type TransferAction,
  type TransferKind,
  type TransferListItem,
  type TransferStatus,
  transferActionLabels,
  transferKindLabels,
  transferKinds,
  transferSideLabels,
  transferStatuses,
  transferStatusesByKind,
  transferStatusLabels,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  type DescriptionsProps,
  Drawer,
  Empty,
  Flex,
  Input,
  Pagination,
  Segmented,
  Select,
  Spin,
  Table,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { useDefaultOrgId } from '../../lib/default-org';
import { isOneOf } from '../../lib/enums';
import { emptyText, formatDate, formatDateTime, todayIso } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  letterUrl,
  type TransferListParams,
  type TransferStep,
  useCreateTransfer,
  useMemberName,
  useTransferDetail,
  useTransferList,
  useTransferStep,
} from './api';
import {
  fromText,
  TransferCard,
  TransferKindTag,
  TransferStatusTags,
  toText,
  transferColumns,
} from './columns';
import {
  emptyIncomingValues,
  emptyInternalValues,
  emptyOutgoingValues,
  IncomingFormFields,
  type IncomingFormValues,
  InternalFormFields,
  type InternalFormValues,
  OutgoingFormFields,
  type OutgoingFormValues,
  StepFormFields,
  type StepFormValues,
  stepInitialValues,
  stepTexts,
  syncOutgoingForm,
  toIncomingBody,
  toInternalBody,
  toOutgoingBody,
  toStepInput,
} from './form';

const defaultPageSize = 20;
/** Kind labels that fit four to a row on a phone. */
const shortKindLabels: Record<TransferKind, string> = {
  internal: '校内',
  outgoing: '转出',
  incoming: '转入',
};

function parseParams(search: URLSearchParams): TransferListParams {
  const kind = search.get('kind');
  const status = search.get('status');
  const personId = Number(search.get('personId'));
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  return {
    kind: isOneOf(transferKinds, kind) ? kind : undefined,
    status: isOneOf(transferStatuses, status) ? status : undefined,
    personId: Number.isInteger(personId) && personId > 0 ? personId : undefined,
    q: search.get('q') || undefined,
    overdue: search.get('overdue') === 'true' || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : defaultPageSize,
  };
}

/** Row actions in the order shown, each a step dialog except printing the letter. */
const rowActions: { action: TransferAction; step?: TransferStep; danger?: boolean }[] = [
  { action: 'confirm', step: 'confirm' },
  { action: 'place', step: 'place' },
  { action: 'recordReceipt', step: 'receipt' },
  { action: 'downloadLetter' },
  { action: 'reject', step: 'reject', danger: true },
  { action: 'cancel', step: 'cancel', danger: true },
];

/** Everything recorded on one transfer. */
function detailItems(
  t: NonNullable<ReturnType<typeof useTransferDetail>['data']>,
  today: string,
): DescriptionsProps['items'] {
  const p = t.person;
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '类型', children: <TransferKindTag kind={t.kind} /> },
    { key: 'status', label: '状态', children: <TransferStatusTags item={t} today={today} /> },
    { key: 'person', label: '党员', children: t.personName },
    {
      key: 'standing',
      label: '党籍',
      children: p?.partyStatus ? partyStatusLabels[p.partyStatus] : emptyText,
    },
    {
      key: 'category',
      label: '人员类别',
      children: p?.category ? memberCategoryLabels[p.category] : emptyText,
    },
    { key: 'idNumber', label: '身份证号', children: p?.idNumber ?? emptyText },
    { key: 'from', label: '转出', children: fromText(t) },
    { key: 'to', label: '转入', children: toText(t) },
  ];
  if (t.requestedSide)
    items.push({ key: 'side', label: '发起方', children: transferSideLabels[t.requestedSide] });
  if (t.externalUnit)
    items.push({
      key: 'unit',
      label: t.kind === 'outgoing' ? '去往单位' : '原单位',
      children: t.externalUnit,
    });
  if (t.externalAddress) items.push({ key: 'address', label: '对方地址', children: t.externalAddress });
  if (t.letterNumber)
    items.push(
      { key: 'letter', label: '介绍信编号', children: `第${t.letterNumber}号` },
      { key: 'issuedOn', label: '开具日期', children: formatDate(t.issuedOn) },
      { key: 'valid', label: '有效期', children: `${t.validDays}天（至 ${formatDate(t.expiresOn)}）` },
      { key: 'dues', label: '党费交至', children: t.duesPaidUntil ?? emptyText },
    );
  if (t.kind === 'outgoing')
    items.push({ key: 'receipt', label: '回执日期', children: formatDate(t.receiptOn) });
  items.push(
    t.kind === 'outgoing'
      ? { key: 'requested', label: '经办人', children: t.requestedByName ?? emptyText }
      : {
          key: 'requested',
          label: t.kind === 'incoming' ? '收到日期' : '申请日期',
          children: `${formatDate(t.requestedOn)}（${t.requestedByName ?? emptyText}）`,
        },
    {
      key: 'decided',
      label: '办结日期',
      children: t.decidedOn ? `${formatDate(t.decidedOn)}（${t.decidedByName ?? emptyText}）` : emptyText,
    },
    { key: 'reason', label: '原因', children: t.reason ?? emptyText, span: 'filled' },
  );
  if (t.decisionNote)
    items.push({ key: 'note', label: '处理意见', children: t.decisionNote, span: 'filled' });
  items.push({ key: 'updated', label: '最后更新', children: formatDateTime(t.updatedAt) });
  return items;
}

function TransferDetailDrawer({
  id,
  today,
  onClose,
}: {
  id: number | null;
  today: string;
  onClose: () => void;
}) {
  const isNarrow = useIsNarrow();
  const detail = useTransferDetail(id);
  return (
    <Drawer
      title="转接详情"
      open={id !== null}
      onClose={onClose}
      size={isNarrow ? '100%' : 560}
      destroyOnHidden
    >
      {detail.isError ? <QueryError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? (
        <Flex vertical gap={12}>
          <Descriptions column={1} size="small" bordered items={detailItems(detail.data, today)} />
          {detail.data.abilities.downloadLetter ? (
            <Button icon={<DownloadOutlined />} href={letterUrl(detail.data.id)}>
              下载介绍信（存根、介绍信、回执）
            </Button>
          ) : null}
        </Flex>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

const createForms: Record<TransferKind, { title: string; button: string; icon: ReactNode }> = {
  internal: { title: '发起校内转接', button: '校内转接', icon: <SwapOutlined /> },
  outgoing: { title: '开具组织关系介绍信（转出本校）', button: '开具介绍信', icon: <ExportOutlined /> },
  incoming: { title: '登记转入介绍信', button: '登记转入', icon: <ImportOutlined /> },
};

/** 组织关系转接: transfers within, out of and into the college, with their letters and receipts. */

/** An incoming member is received by a branch (its 党小组 can be chosen in the form). */
const isBranchOrg = (org: OrgListItem) => isBranchType(org.type);

export function TransfersPage() {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useTransferList(params);
  const create = useCreateTransfer();
  const runStep = useTransferStep();
  const [creating, setCreating] = useState<TransferKind | null>(null);
  // A secretary with one branch finds it preselected as the receiving org of an incoming letter.
  const defaultOrg = useDefaultOrgId(isBranchOrg);
  const [stepping, setStepping] = useState<{ step: TransferStep; item: TransferListItem } | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [q, setQ] = useState(params.q ?? '');
  const today = list.data?.today ?? todayIso();
  const canManage = can('member:transfer:manage');
  const memberName = useMemberName(params.personId);
  const person = params.personId && memberName.data ? { id: params.personId, name: memberName.data } : null;

  const setParams = (patch: Partial<TransferListParams>) => {
    const next = { ...params, page: 1, ...patch };
    const entries: [string, string][] = [];
    if (next.kind) entries.push(['kind', next.kind]);
    if (next.status) entries.push(['status', next.status]);
    if (next.personId) entries.push(['personId', String(next.personId)]);
    if (next.q) entries.push(['q', next.q]);
    if (next.overdue) entries.push(['overdue', 'true']);
    if (next.page > 1) entries.push(['page', String(next.page)]);
    if (next.pageSize !== defaultPageSize) entries.push(['pageSize', String(next.pageSize)]);
    setSearch(new URLSearchParams(entries), { replace: true });
  };

  const statusOptions = (params.kind ? transferStatusesByKind[params.kind] : transferStatuses).map(
    (s: TransferStatus) => ({ value: s, label: transferStatusLabels[s] }),
  );

  const actions = (item: TransferListItem) => {
    const buttons = rowActions.filter((a) => item.abilities[a.action]);
    if (buttons.length === 0) return null;
    return (
      <Flex gap={0} wrap>
        {buttons.map(({ action, step, danger }) =>
          step ? (
            <Button
              key={action}
              size="small"
              type="link"
              danger={danger ?? false}
              onClick={() => setStepping({ step, item })}
            >
              {action === 'cancel' && item.kind === 'outgoing' ? '作废' : transferActionLabels[action]}
            </Button>
          ) : (
            <Button key={action} size="small" type="link" href={letterUrl(item.id)}>
              {transferActionLabels[action]}
            </Button>
          ),
        )}
      </Flex>
    );
  };

  const items = list.data?.items ?? [];
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 项`,
    onChange: (page: number, pageSize: number) => setParams({ page, pageSize }),
  };

  return (
    <PageContainer
      title="组织关系转接"
      extra={
        canManage
          ? (Object.keys(createForms) as TransferKind[]).map((kind) => (
              <Button
                key={kind}
                type={kind === 'internal' ? 'primary' : 'default'}
                icon={createForms[kind].icon}
                onClick={() => setCreating(kind)}
              >
                {createForms[kind].button}
              </Button>
            ))
          : null
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Segmented<TransferKind | 'all'>
            value={params.kind ?? 'all'}
            onChange={(kind) => setParams({ kind: kind === 'all' ? undefined : kind, status: undefined })}
            options={[
              { value: 'all', label: '全部' },
              ...transferKinds.map((k) => ({
                value: k,
                label: isNarrow ? shortKindLabels[k] : transferKindLabels[k],
              })),
            ]}
            block={isNarrow}
            style={isNarrow ? { width: '100%' } : undefined}
          />
          <Select<TransferStatus>
            allowClear
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={statusOptions}
            style={{ width: isNarrow ? '100%' : 140 }}
          />
          <Input.Search
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setParams({ q: value.trim() || undefined })}
            allowClear
            enterButton={<SearchOutlined />}
            placeholder="党员姓名或介绍信编号"
            maxLength={limits.search.max}
            style={{ width: isNarrow ? '100%' : 260 }}
          />
          <Checkbox
            checked={params.overdue ?? false}
            onChange={(e) => setParams({ overdue: e.target.checked || undefined })}
          >
            只看回执逾期
          </Checkbox>
        </Flex>
      </Card>

      {params.personId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`只显示${memberName.data ?? '该党员'}的转接记录`}
          action={
            <Button size="small" type="link" onClick={() => setParams({ personId: undefined })}>
              显示全部
            </Button>
          }
        />
      ) : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {isNarrow ? (
        <Spin spinning={list.isFetching}>
          <Flex vertical gap={8}>
            {items.map((item) => (
              <TransferCard
                key={item.id}
                item={item}
                today={today}
                actions={actions(item)}
                onOpen={() => setOpenId(item.id)}
              />
            ))}
            {items.length === 0 && !list.isPending ? <Empty description="没有转接记录" /> : null}
            {pagination.total > params.pageSize ? (
              <Pagination {...pagination} simple style={{ alignSelf: 'center' }} />
            ) : null}
          </Flex>
        </Spin>
      ) : (
        <Table<TransferListItem>
          rowKey="id"
          size="middle"
          columns={transferColumns(actions, (t) => setOpenId(t.id), today)}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ ...pagination, showSizeChanger: true }}
        />
      )}

      <TransferDetailDrawer id={openId} today={today} onClose={() => setOpenId(null)} />

      <FormDrawer<InternalFormValues>
        title={createForms.internal.title}
        open={creating === 'internal'}
        onClose={() => setCreating(null)}
        initialValues={{ ...emptyInternalValues, personId: params.personId ?? null }}
        onSubmit={(values) => create.mutateAsync(toInternalBody(values))}
        successMessage="已提交，等待另一方确认"
        okText="提交"
      >
        <InternalFormFields person={person} />
      </FormDrawer>
      <FormDrawer<OutgoingFormValues>
        title={createForms.outgoing.title}
        open={creating === 'outgoing'}
        onClose={() => setCreating(null)}
        initialValues={{ ...emptyOutgoingValues, personId: params.personId ?? null }}
        onValuesChange={(changed, _all, form) =>
          syncOutgoingForm(changed, (days) => form.setFieldValue('validDays', days))
        }
        onSubmit={async (values) => {
          const letter = await create.mutateAsync(toOutgoingBody(values));
          setOpenId(letter.id);
        }}
        successMessage="介绍信已开具，可在列表中下载打印"
        okText="开具"
      >
        <OutgoingFormFields person={person} />
      </FormDrawer>
      <FormDrawer<IncomingFormValues>
        title={createForms.incoming.title}
        open={creating === 'incoming' && defaultOrg.ready}
        onClose={() => setCreating(null)}
        initialValues={{ ...emptyIncomingValues, toOrgId: defaultOrg.orgId }}
        onSubmit={(values) => create.mutateAsync(toIncomingBody(values))}
        successMessage="已登记，党员报到后办理编入"
        okText="登记"
        width={640}
      >
        <IncomingFormFields />
      </FormDrawer>

      {stepping ? (
        <FormModal<StepFormValues>
          title={`${stepTexts[stepping.step].title}：${stepping.item.personName}`}
          open
          onClose={() => setStepping(null)}
          initialValues={stepInitialValues(stepping.step, stepping.item)}
          onSubmit={(values) => runStep.mutateAsync(toStepInput(stepping.step, stepping.item, values))}
          onConflict={() => void list.refetch()}
          successMessage="已办理"
          okText={stepTexts[stepping.step].ok}
          okDanger={stepTexts[stepping.step].danger ?? false}
        >
          <StepFormFields step={stepping.step} item={stepping.item} />
        </FormModal>
      ) : null}
    </PageContainer>
  );
}
