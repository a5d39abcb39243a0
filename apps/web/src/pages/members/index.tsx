import {
  DownloadOutlined,
  FilterOutlined,
  PlusOutlined,
  PrinterOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  defaultMemberColumns,
  isBranchType,
  limits,
  type MemberColumnKey,
  type MemberListItem,
  memberCategoryLabels,
  memberColumnKeys,
  memberSortKeys,
  type OrgListItem,
} from '@dangjian/core';
import {
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Pagination,
  Popover,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { useDefaultOrgId } from '../../lib/default-org';
import { isOneOf } from '../../lib/enums';
import { useIsNarrow } from '../../lib/use-media-query';
import { useOrgList } from '../orgs/api';
import {
  defaultMemberListParams,
  type MemberListParams,
  memberDownloads,
  memberListQueryParams,
  parseMemberListParams,
  useCreateMember,
  useMemberList,
} from './api';
import {
  loadMemberColumns,
  MemberFlagTags,
  MemberStatusTag,
  memberColumnOptions,
  memberColumns,
  memberOrgText,
  PartyStatusTag,
  Sensitive,
  saveMemberColumns,
} from './columns';
import {
  countActiveFilters,
  MemberFilterForm,
  type MemberFilterValues,
  toFilterParams,
  toFilterValues,
} from './filters';
import {
  emptyMemberValues,
  MemberFormFields,
  type MemberFormValues,
  syncMemberForm,
  toCreateMemberBody,
} from './form';

/** Fields of the search form that stay hidden until 展开. */
function hasHiddenFilters(params: MemberListParams): boolean {
  const v = toFilterValues(params);
  return Boolean(
    v.gender ||
      v.ethnicity ||
      v.education ||
      v.ageBand ||
      v.partyYearsBand ||
      v.joined ||
      v.post ||
      (v.flags?.length ?? 0) > 0 ||
      v.status !== 'active',
  );
}

/** Chooses the roster's columns; the export writes the same ones. */
function ColumnChooser({
  value,
  onChange,
}: {
  value: MemberColumnKey[];
  onChange: (keys: MemberColumnKey[] | null) => void;
}) {
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 320 }}>
      <Checkbox.Group<MemberColumnKey>
        value={value}
        onChange={(keys) => onChange(memberColumnKeys.filter((k) => k === 'name' || keys.includes(k)))}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 6 }}
        options={memberColumnOptions.map((o) => ({ ...o, disabled: o.value === 'name' }))}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">导出使用相同的列</Typography.Text>
        <Button size="small" onClick={() => onChange(null)}>
          恢复默认
        </Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover content={content} title="显示的列" trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>列设置</Button>
    </Popover>
  );
}

/** A roster row as a card, for phones. */
function MemberCard({ member, onOpen }: { member: MemberListItem; onOpen: () => void }) {
  return (
    <Card size="small" hoverable onClick={onOpen} styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {member.name}
        </Typography.Text>
        <span>
          <PartyStatusTag status={member.partyStatus} />
          <MemberStatusTag status={member.status} />
        </span>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {memberCategoryLabels[member.category]} · {memberOrgText(member)}
      </Typography.Text>
      <Flex gap={12} wrap style={{ marginTop: 4 }}>
        <Sensitive value={member.phone} />
        {member.isMobile || member.isAbroad || member.isInHardship ? (
          <MemberFlagTags member={member} />
        ) : null}
        {member.isDualLeader ? <Tag color="red">双带头人</Tag> : null}
      </Flex>
    </Card>
  );
}

/** 党员名册: the members of the user's scope, searched, sorted, paged; export and import from here. */

/** A new member's org relationship is kept by a branch (its 党小组 can be chosen in the form). */
const isBranchOrg = (org: OrgListItem) => isBranchType(org.type);

export function MembersPage() {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseMemberListParams(search), [search]);
  const list = useMemberList(params);
  const orgs = useOrgList(false);
  const create = useCreateMember();
  const [form] = Form.useForm<MemberFilterValues>();
  const [expanded, setExpanded] = useState(() => hasHiddenFilters(params));
  const [filterOpen, setFilterOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  // A secretary with one branch finds it preselected for a new member.
  const defaultOrg = useDefaultOrgId(isBranchOrg);
  const [columns, setColumns] = useState<MemberColumnKey[]>(
    () => loadMemberColumns() ?? defaultMemberColumns,
  );

  // The URL is the source of truth (back from a person's page keeps the search): mirror it in the form.
  useEffect(() => {
    form.setFieldsValue(toFilterValues(params));
  }, [form, params]);

  const setParams = (next: MemberListParams) => {
    const query = memberListQueryParams(next);
    setSearch(new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])));
  };
  const applyFilters = (values: MemberFilterValues) => {
    setParams({ ...params, ...toFilterParams(values), page: 1 });
    setFilterOpen(false);
  };
  const resetFilters = () => {
    setParams({ ...defaultMemberListParams, pageSize: params.pageSize, unmasked: params.unmasked });
    setFilterOpen(false);
  };
  const chooseColumns = (keys: MemberColumnKey[] | null) => {
    saveMemberColumns(keys);
    setColumns(keys ?? defaultMemberColumns);
  };
  const toggleUnmasked = (on: boolean) => {
    if (!on) {
      setParams({ ...params, unmasked: undefined });
      return;
    }
    modal.confirm({
      title: '显示完整的身份证号和电话？',
      content: '查看完整信息将记入审计日志，请仅在工作需要时使用。',
      okText: '显示',
      onOk: () => setParams({ ...params, unmasked: true }),
    });
  };

  const selectedOrg = orgs.data?.find((o) => o.id === params.orgId) ?? null;
  // The roster prints for the branch chosen in the filter, or a single-branch secretary's own branch.
  const rosterOrg = selectedOrg ?? orgs.data?.find((o) => o.id === defaultOrg.orgId) ?? null;
  const page = list.data;
  const tableColumns = memberColumns(columns, params);
  const activeFilters = countActiveFilters(params);

  const toolbar = (
    <>
      {can('member:member:edit') ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新增党员
        </Button>
      ) : null}
      {can('member:member:import') ? (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
          导入
        </Button>
      ) : null}
      {can('member:member:export') ? (
        <Button
          icon={<DownloadOutlined />}
          href={memberDownloads.exportUrl(params, columns)}
          disabled={!page || page.total === 0}
        >
          导出
        </Button>
      ) : null}
      {can('member:member:export') &&
      rosterOrg &&
      (isBranchType(rosterOrg.type) || rosterOrg.type === 'group') ? (
        <Button icon={<PrinterOutlined />} href={memberDownloads.rosterUrl(rosterOrg.id)}>
          打印名册
        </Button>
      ) : null}
    </>
  );

  return (
    <PageContainer title="党员名册" extra={toolbar}>
      {isNarrow ? (
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="姓名、身份证号或电话"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ ...params, q: q.trim() || undefined, page: 1 })}
          />
          <Badge count={activeFilters} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setFilterOpen(true)}>
              筛选
            </Button>
          </Badge>
        </Flex>
      ) : (
        <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
          <MemberFilterForm
            form={form}
            onSearch={applyFilters}
            onReset={resetFilters}
            expanded={expanded}
            onToggle={() => setExpanded((e) => !e)}
          />
        </Card>
      )}

      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {page ? `共 ${page.total} 人` : ''}
          {selectedOrg ? `（${selectedOrg.name}${isBranchType(selectedOrg.type) ? '' : '及下级'}）` : ''}
        </Typography.Text>
        <Flex gap={12} align="center" wrap>
          {can('member:member:sensitive') ? (
            <Flex gap={6} align="center">
              <Switch
                size="small"
                id="members-unmasked"
                checked={params.unmasked === true}
                onChange={toggleUnmasked}
              />
              <label htmlFor="members-unmasked">显示完整信息</label>
            </Flex>
          ) : null}
          {isNarrow ? null : <ColumnChooser value={columns} onChange={chooseColumns} />}
        </Flex>
      </Flex>

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}

      {isNarrow ? (
        <Spin spinning={list.isFetching}>
          <Flex vertical gap={8}>
            {page?.items.map((m) => (
              <MemberCard key={m.id} member={m} onOpen={() => navigate(`/members/${m.id}`)} />
            ))}
            {page && page.items.length === 0 ? <Empty description="没有符合条件的党员" /> : null}
            {page && page.total > page.pageSize ? (
              <Pagination
                simple
                align="center"
                current={params.page}
                pageSize={params.pageSize}
                total={page.total}
                onChange={(p) => setParams({ ...params, page: p })}
              />
            ) : null}
          </Flex>
        </Spin>
      ) : (
        <Table<MemberListItem>
          rowKey="id"
          size="middle"
          columns={tableColumns}
          dataSource={page?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="没有符合条件的党员" /> }}
          onRow={(row) => ({ onClick: () => navigate(`/members/${row.id}`), style: { cursor: 'pointer' } })}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? String(s.columnKey) : null;
            const sort = isOneOf(memberSortKeys, key)
              ? { sort: key, order: s?.order === 'descend' ? ('desc' as const) : ('asc' as const) }
              : { sort: defaultMemberListParams.sort, order: defaultMemberListParams.order };
            const sortChanged = sort.sort !== params.sort || sort.order !== params.order;
            setParams({
              ...params,
              ...sort,
              page: sortChanged ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? params.pageSize,
            });
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: page?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, limits.pageSize.max],
            showTotal: (total) => `共 ${total} 人`,
          }}
        />
      )}

      <Drawer
        title="筛选党员"
        placement="bottom"
        size="85%"
        open={isNarrow && filterOpen}
        onClose={() => setFilterOpen(false)}
        forceRender={isNarrow}
      >
        <MemberFilterForm form={form} onSearch={applyFilters} onReset={resetFilters} expanded vertical />
      </Drawer>

      <FormDrawer<MemberFormValues>
        title="新增党员"
        open={creating && defaultOrg.ready}
        onClose={() => setCreating(false)}
        width={720}
        initialValues={emptyMemberValues(
          selectedOrg && isBranchType(selectedOrg.type) ? selectedOrg.id : defaultOrg.orgId,
        )}
        onValuesChange={(changed, _all, f) => syncMemberForm(changed, f)}
        onSubmit={async (values) => {
          const created = await create.mutateAsync(toCreateMemberBody(values));
          navigate(`/members/${created.id}`);
        }}
        successMessage="已新增党员"
        okText="保存"
      >
        <MemberFormFields />
      </FormDrawer>
    </PageContainer>
  );
}
