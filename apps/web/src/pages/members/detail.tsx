import {
  ArrowLeftOutlined,
  EditOutlined,
  EyeOutlined,
  LogoutOutlined,
  PlusOutlined,
  ReloadOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import {
  type LeaveReason,
  leaveReasons,
  limits,
  type MemberDetail,
  type MemberEvent,
  type MemberEventKind,
  type MemberPost,
  memberCategoryLabels,
  memberEventKindLabels,
  memberStatusLabels,
  type OrgListItem,
  postLabels,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { type Crumb, PageBreadcrumb, PageTitle, useOrgCrumb } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { emptyText, formatDate, formatDateTime, fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { useTabParam } from '../../lib/use-tab-param';
import { useOrgList } from '../orgs/api';
import { useEndMemberPost, useLeaveMember, useMemberDetail, useMemberTimeline, useUpdateMember } from './api';
import { MemberAttendanceTab } from './attendance-tab';
import { MemberFlagTags, MemberStatusTag, memberRecordItems, PartyStatusTag, Sensitive } from './columns';
import {
  detailToFormValues,
  MemberFormFields,
  type MemberFormValues,
  syncMemberForm,
  toUpdateMemberBody,
} from './form';

const tabKeys = ['basic', 'posts', 'attendance', 'timeline'] as const;

type Dialog = { kind: 'edit' } | { kind: 'leave' } | { kind: 'endPost'; post: MemberPost } | null;

/** Names from the top of the user's tree down to `orgId`, e.g. 党委 / 总支 / 支部 / 党小组. */
function orgTrail(orgs: readonly OrgListItem[] | undefined, orgId: number | null): string | null {
  if (!orgs || orgId === null) return null;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const names: string[] = [];
  for (let org = byId.get(orgId); org && names.length < 10; ) {
    names.unshift(org.shortName ?? org.name);
    org = org.parentId === null ? undefined : byId.get(org.parentId);
  }
  return names.length > 0 ? names.join(' / ') : null;
}

function parseId(raw: string | undefined): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
}

function postColumns(onEnd: ((post: MemberPost) => void) | null): TableColumnsType<MemberPost> {
  return [
    {
      title: '职务',
      key: 'post',
      width: 110,
      render: (_, p) => <Tag color={p.endDate ? undefined : 'volcano'}>{postLabels[p.post]}</Tag>,
    },
    {
      title: '党组织',
      key: 'org',
      width: 220,
      render: (_, p) => <Link to={`/orgs/${p.orgId}?tab=team`}>{p.orgName}</Link>,
    },
    {
      title: '届次',
      key: 'term',
      width: 80,
      render: (_, p) => (p.termNumber === null ? emptyText : `第${p.termNumber}届`),
    },
    { title: '任职日期', key: 'start', width: 110, render: (_, p) => formatDate(p.startDate) },
    {
      title: '免职日期',
      key: 'end',
      width: 110,
      render: (_, p) => (p.endDate ? formatDate(p.endDate) : <Tag color="green">在任</Tag>),
    },
    ...(onEnd
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, p: MemberPost) =>
              p.endDate ? null : (
                <Button size="small" type="link" danger onClick={() => onEnd(p)}>
                  免职
                </Button>
              ),
          },
        ]
      : []),
  ];
}

const eventColors: Partial<Record<MemberEventKind, string>> = {
  created: 'green',
  imported: 'green',
  status_confirmed: 'red',
  post_started: 'red',
  post_ended: 'gray',
  left: 'gray',
  transferred_out: 'gray',
};

function MemberTimeline({ memberId }: { memberId: number }) {
  const timeline = useMemberTimeline(memberId);
  const isNarrow = useIsNarrow();
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.isPending) return <Skeleton active />;
  if (timeline.data.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      // Dates in a narrow column on the left, what happened on the right; on phones, above it.
      titleSpan={3}
      items={timeline.data.map((e: MemberEvent) => ({
        key: e.id,
        color: eventColors[e.kind] ?? 'blue',
        title: isNarrow ? undefined : formatDate(e.on),
        content: (
          <div>
            {isNarrow ? (
              <Typography.Text strong style={{ display: 'block' }}>
                {formatDate(e.on)}
              </Typography.Text>
            ) : null}
            <Tag>{memberEventKindLabels[e.kind]}</Tag>
            <span>{e.summary}</span>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {e.actorName ? `${e.actorName} · ` : ''}
              记录于 {formatDateTime(e.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** The dialogs of the person page; one at a time. */
function MemberDialogs({
  member,
  dialog,
  onClose,
  onReload,
}: {
  member: MemberDetail;
  dialog: Dialog;
  onClose: () => void;
  onReload: () => void;
}) {
  const update = useUpdateMember(member.id);
  const leave = useLeaveMember(member.id);
  const endPost = useEndMemberPost(member.id);
  if (!dialog) return null;
  const today = fromIsoDate(todayIso()) ?? undefined;

  switch (dialog.kind) {
    case 'edit':
      return (
        <FormDrawer<MemberFormValues>
          title={`编辑党员信息：${member.name}`}
          open
          onClose={onClose}
          width={720}
          initialValues={detailToFormValues(member)}
          onValuesChange={(changed, _all, form) => syncMemberForm(changed, form)}
          onSubmit={(values) => update.mutateAsync(toUpdateMemberBody(member, values))}
          onConflict={onReload}
          successMessage="已保存"
        >
          <MemberFormFields member={member} />
        </FormDrawer>
      );

    case 'leave':
      return (
        <FormModal<{ reason: LeaveReason; date: Dayjs; note?: string }>
          title={`离开在册名单：${member.name}`}
          open
          onClose={onClose}
          initialValues={{ date: today }}
          onSubmit={(v) =>
            leave.mutateAsync({
              reason: v.reason,
              date: toIsoDate(v.date) ?? '',
              note: v.note?.trim() || null,
              version: member.version,
            })
          }
          onConflict={onReload}
          successMessage="已办理"
          okText="确认"
          okDanger
        >
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="转出请走组织关系转接；这里只登记死亡、出党、自行脱党和停止党籍。记录保留，可在名册“已离开”中查到。"
          />
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={leaveReasons.map((r) => ({ value: r, label: memberStatusLabels[r] }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="note"
            label="说明"
            rules={[{ max: limits.note.max, message: `不能超过 ${limits.note.max} 个字符` }]}
          >
            <Input.TextArea rows={3} maxLength={limits.note.max} showCount placeholder="如 处分决定文号" />
          </Form.Item>
        </FormModal>
      );

    case 'endPost':
      return (
        <FormModal<{ endDate: Dayjs }>
          title={`免职：${member.name}（${dialog.post.orgName}${postLabels[dialog.post.post]}）`}
          open
          onClose={onClose}
          initialValues={{ endDate: today }}
          onSubmit={(v) =>
            endPost.mutateAsync({
              appointmentId: dialog.post.appointmentId,
              endDate: toIsoDate(v.endDate) ?? '',
            })
          }
          onConflict={onReload}
          successMessage="已免职"
          okText="免职"
          okDanger
        >
          <Form.Item name="endDate" label="免职日期" rules={[{ required: true, message: '请选择免职日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );
  }
}

/** 党员信息: one member's record, posts and timeline, with the actions the server allows. */
export function MemberDetailPage() {
  const id = parseId(useParams().id);
  if (id === null) {
    return <Result status="404" title="党员不存在" extra={<Link to="/members">返回党员名册</Link>} />;
  }
  return <MemberDetailView key={id} id={id} />;
}

function MemberDetailView({ id }: { id: number }) {
  const [unmasked, setUnmasked] = useState(false);
  const detail = useMemberDetail(id, unmasked);
  const orgs = useOrgList(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useTabParam(tabKeys);
  const navigate = useNavigate();
  const location = useLocation();
  const isNarrow = useIsNarrow();
  const { modal } = App.useApp();
  const orgCrumb = useOrgCrumb();
  const reload = () => void detail.refetch();

  const back = () => (location.key === 'default' ? navigate('/members') : navigate(-1));

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (detail.isError && !detail.data) {
    if (isApiError(detail.error, 'NOT_FOUND')) {
      return (
        <Result
          status="404"
          title="党员不存在"
          subTitle="该党员不存在，或不在您的管理范围内。"
          extra={<Link to="/members">返回党员名册</Link>}
        />
      );
    }
    return <QueryError error={detail.error} onRetry={reload} />;
  }
  const m = detail.data;
  if (!m) return null;

  const reveal = () =>
    modal.confirm({
      title: `显示 ${m.name} 的完整身份证号和电话？`,
      content: '查看完整信息将记入审计日志，请仅在工作需要时使用。',
      okText: '显示',
      onOk: () => setUnmasked(true),
    });

  const actions = (
    <Flex gap={8} wrap>
      {m.abilities.edit ? (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
          编辑
        </Button>
      ) : null}
      {m.abilities.transfer ? (
        <Link to={`/transfers?personId=${m.id}`}>
          <Button icon={<SwapOutlined />}>转接</Button>
        </Link>
      ) : null}
      {m.abilities.leave ? (
        <Button danger icon={<LogoutOutlined />} onClick={() => setDialog({ kind: 'leave' })}>
          离开在册
        </Button>
      ) : null}
    </Flex>
  );

  const trail = orgTrail(orgs.data, m.orgId);
  const crumbs: Crumb[] = [
    { title: '党员名册', to: '/members' },
    ...(m.branchId !== null && m.branchName ? [orgCrumb({ id: m.branchId, name: m.branchName })] : []),
    ...(m.groupId !== null && m.groupName ? [orgCrumb({ id: m.groupId, name: m.groupName })] : []),
    { title: m.name },
  ];

  return (
    <Flex vertical gap={16}>
      <PageBreadcrumb items={crumbs} style={{ marginBottom: 0 }} />
      <Card styles={{ body: { padding: isNarrow ? 16 : 24 } }}>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={back} />
              <PageTitle look={3}>{m.name}</PageTitle>
              <PartyStatusTag status={m.partyStatus} />
              <Tag>{memberCategoryLabels[m.category]}</Tag>
              <MemberStatusTag status={m.status} />
              {m.isDualLeader ? <Tag color="red">双带头人</Tag> : null}
              {m.isMobile || m.isAbroad || m.isInHardship ? <MemberFlagTags member={m} /> : null}
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
              {trail ?? ([m.branchName, m.groupName].filter(Boolean).join(' / ') || emptyText)}
            </Typography.Text>
            <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
              <span>
                身份证号 <Sensitive value={m.idNumber} />
              </span>
              <span>
                电话 <Sensitive value={m.phone} />
              </span>
              {m.masked && m.abilities.viewSensitive ? (
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={reveal}
                  loading={unmasked && detail.isFetching}
                >
                  显示完整信息
                </Button>
              ) : null}
              {!m.masked && unmasked ? <Tag color="orange">已显示完整信息（已留痕）</Tag> : null}
            </Flex>
          </div>
          <Flex gap={8} align="center">
            {actions}
            {isNarrow ? null : (
              <Button
                type="text"
                icon={<ReloadOutlined />}
                aria-label="刷新"
                loading={detail.isFetching}
                onClick={reload}
              />
            )}
          </Flex>
        </Flex>
      </Card>

      {m.status !== 'active' ? (
        <Alert
          type="info"
          showIcon
          title={`${m.name} 已不在在册名单（${memberStatusLabels[m.status]}${m.leftOn ? `，${formatDate(m.leftOn)}` : ''}），记录仅供查阅。`}
        />
      ) : null}

      <Card styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'basic',
              label: '基本信息',
              children: (
                <Flex vertical gap={16}>
                  {memberRecordItems(m, true).map((group) => (
                    <Descriptions
                      key={group.title}
                      title={group.title}
                      bordered
                      size="small"
                      styles={{ label: { whiteSpace: 'nowrap' } }}
                      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
                      items={group.items}
                    />
                  ))}
                </Flex>
              ),
            },
            {
              key: 'posts',
              label: `党内职务${m.posts.length > 0 ? `（${m.posts.length}）` : ''}`,
              children: (
                <Flex vertical gap={12}>
                  {m.abilities.editPosts && m.branchId ? (
                    <Flex justify="space-between" align="center" wrap gap={8}>
                      <Typography.Text type="secondary">
                        任职在所在组织的“班子与届次”中办理（届次班子成员、组织员、党小组长）。
                      </Typography.Text>
                      <Link to={`/orgs/${m.branchId}?tab=team`}>
                        <Button icon={<PlusOutlined />}>去添加职务</Button>
                      </Link>
                    </Flex>
                  ) : null}
                  <Table<MemberPost>
                    rowKey="appointmentId"
                    size="small"
                    columns={postColumns(
                      m.abilities.editPosts ? (post) => setDialog({ kind: 'endPost', post }) : null,
                    )}
                    dataSource={m.postHistory}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: '未担任过党内职务' }}
                  />
                </Flex>
              ),
            },
            { key: 'attendance', label: '组织生活出勤', children: <MemberAttendanceTab personId={m.id} /> },
            { key: 'timeline', label: '时间线', children: <MemberTimeline memberId={m.id} /> },
          ]}
          destroyOnHidden
        />
      </Card>

      <MemberDialogs member={m} dialog={dialog} onClose={() => setDialog(null)} onReload={reload} />
    </Flex>
  );
}
