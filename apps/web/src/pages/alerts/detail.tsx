import {
  ArrowLeftOutlined,
  CheckOutlined,
  IssuesCloseOutlined,
  UserAddOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import {
  type AlertDetail,
  type FindingEvent,
  type FindingEventKind,
  findingEventLabels,
  findingKeyPattern,
  type RectificationItem,
  severities,
  severityLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ClauseView } from '../../components/clause-view';
import { FormModal } from '../../components/form-dialog';
import { PageContainer, useOrgCrumb } from '../../components/page-container';
import { PersonPicker } from '../../components/person-picker';
import { QueryError } from '../../components/query-error';
import { SeverityTag } from '../../components/severity-tag';
import { useCan } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { isOneOf } from '../../lib/enums';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatShanghai } from '../activities/columns';
import { rectificationPath, useCreateFromFinding, useFindingRectifications } from '../rectification/api';
import { RectificationStatusTag } from '../rectification/columns';
import { useAcknowledgeAlert, useAlertDetail, useAssignAlert } from './api';
import { FindingStateTag } from './columns';
import { causeLink, causeText, firstSeenDay } from './links';

/** Limit of the 说明 the server accepts on 确认 and 指派. */
const commentMax = 500;

/** Dot colours of the history ('blue' would take the theme's red primary colour, so it is spelt out). */
const eventColors = {
  appeared: 'red',
  reappeared: 'red',
  escalated: 'orange',
  eased: '#1677ff',
  acknowledged: '#1677ff',
  assigned: 'purple',
  unassigned: 'gray',
  resolved: 'green',
  rectification_opened: 'purple',
  rectification_closed: 'green',
} as const satisfies Record<FindingEventKind, string>;

/** "由 张三 的操作“…”解决", with a link to the record when it has a page the user may open. */
function CauseView({ cause, orgId }: { cause: NonNullable<FindingEvent['cause']>; orgId: number }) {
  const can = useCan();
  const link = causeLink(cause, orgId);
  return (
    <span>
      {causeText(cause)}
      {link && can(link.permission) ? (
        <>
          {' '}
          <Link to={link.to}>查看记录</Link>
        </>
      ) : null}
    </span>
  );
}

/** What one history entry adds to its label: the new level, the assignee, the comment, the cause. */
function EventBody({ event, orgId }: { event: FindingEvent; orgId: number }) {
  const can = useCan();
  const severity = isOneOf(severities, event.severity) ? event.severity : null;
  return (
    <>
      {event.rectificationId !== null ? (
        <div>
          整改事项 {event.rectificationId}
          {can('rectification:item:view') ? (
            <>
              {' '}
              <Link to={rectificationPath(event.rectificationId)}>查看整改事项</Link>
            </>
          ) : null}
        </div>
      ) : null}
      {event.kind === 'assigned' && event.assigneeName ? <div>指派给 {event.assigneeName}</div> : null}
      {(event.kind === 'escalated' || event.kind === 'eased') && severity ? (
        <div>级别调整为 {severityLabels[severity]}</div>
      ) : null}
      {event.kind === 'resolved' ? (
        <div>
          {event.cause ? (
            <CauseView cause={event.cause} orgId={orgId} />
          ) : (
            '系统评估时不再发现该问题，已自动解决'
          )}
        </div>
      ) : null}
      {event.comment ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>
          说明：{event.comment}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

/** The history of a finding, oldest first: found, confirmed, assigned, resolved, found again. */
function FindingTimeline({ detail }: { detail: AlertDetail }) {
  const isNarrow = useIsNarrow();
  if (detail.events.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      titleSpan={isNarrow ? undefined : 4}
      items={detail.events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: eventColors[e.kind],
        title: isNarrow ? undefined : formatShanghai(e.at),
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            {isNarrow ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {formatShanghai(e.at)}
              </Typography.Text>
            ) : null}
            <Space size={4} wrap>
              <Tag color={eventColors[e.kind]}>{findingEventLabels[e.kind]}</Tag>
              <Typography.Text type="secondary">{e.actorName ?? '系统'}</Typography.Text>
            </Space>
            <EventBody event={e} orgId={detail.item.orgId} />
          </div>
        ),
      }))}
    />
  );
}

function findingItems(
  d: AlertDetail,
  readsOrgs: boolean,
  rectifications: readonly RectificationItem[],
): DescriptionsProps['items'] {
  const f = d.item;
  const items: DescriptionsProps['items'] = [
    {
      key: 'org',
      label: '党组织',
      children: readsOrgs ? <Link to={`/orgs/${f.orgId}?tab=alerts`}>{f.orgName}</Link> : f.orgName,
    },
    {
      key: 'state',
      label: '状态',
      children: <FindingStateTag state={f.state} reopenCount={f.reopenCount} />,
    },
    { key: 'message', label: '问题', span: 'filled', children: f.message },
    { key: 'suggestion', label: '整改建议', span: 'filled', children: f.suggestion },
    { key: 'period', label: '期间', children: f.period ?? emptyText },
    { key: 'due', label: '期限', children: f.dueDate ? formatDate(f.dueDate) : emptyText },
    { key: 'first', label: '首次发现', children: firstSeenDay(f.firstSeenAt) },
    { key: 'last', label: '最近发现', children: formatShanghai(f.lastSeenAt) },
    { key: 'assignee', label: '责任人', children: f.assignee?.name ?? '未指派' },
  ];
  if (f.acknowledgedAt) {
    items.push({
      key: 'ack',
      label: '确认',
      span: 'filled',
      children: (
        <span style={{ whiteSpace: 'pre-wrap' }}>
          {f.acknowledgedBy ?? emptyText}（{formatShanghai(f.acknowledgedAt)}）
          {f.ackComment ? `：${f.ackComment}` : ''}
        </span>
      ),
    });
  }
  if (f.resolvedAt) {
    items.push({
      key: 'resolved',
      label: '解决',
      span: 'filled',
      children: (
        <span>
          {formatShanghai(f.resolvedAt)}{' '}
          {f.resolvedBy ? <CauseView cause={f.resolvedBy} orgId={f.orgId} /> : '（系统评估时不再发现）'}
        </span>
      ),
    });
  }
  if (rectifications.length > 0) {
    items.push({
      key: 'rectification',
      label: '整改事项',
      span: 'filled',
      children: (
        <Flex vertical gap={4}>
          {rectifications.map((r) => (
            <Space key={r.id} size={6} wrap>
              <Link to={rectificationPath(r.id)}>整改事项 {r.id}</Link>
              <RectificationStatusTag status={r.status} reopenCount={r.reopenCount} />
              <Typography.Text type="secondary">期限 {formatDate(r.deadline)}</Typography.Text>
            </Space>
          ))}
        </Flex>
      ),
    });
  }
  items.push({
    key: 'clause',
    label: '依据',
    span: 'filled',
    children: <ClauseView clause={f.clause} kind={f.kind} />,
  });
  return items;
}

type Dialog = 'acknowledge' | 'assign' | null;

/** 确认 / 指派 / 取消指派, each shown only when the server says the user may. */
function AlertActions({ detail, onReload }: { detail: AlertDetail; onReload: () => void }) {
  const key = detail.item.key;
  const acknowledge = useAcknowledgeAlert(key);
  const assign = useAssignAlert(key);
  const handleError = useErrorHandler();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const assignee = detail.item.assignee;

  const unassign = () =>
    modal.confirm({
      title: '取消指派？',
      content: `${assignee?.name ?? ''} 将不再是这条预警的责任人。`,
      okText: '取消指派',
      cancelText: '返回',
      onOk: async () => {
        try {
          await assign.mutateAsync({ personId: null });
          message.success('已取消指派');
        } catch (error) {
          handleError(error, { onConflict: onReload });
        }
      },
    });

  return (
    <>
      {detail.abilities.acknowledge ? (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('acknowledge')}>
          确认
        </Button>
      ) : null}
      {detail.abilities.assign ? (
        <Button icon={<UserAddOutlined />} onClick={() => setDialog('assign')}>
          {assignee ? '改派' : '指派'}
        </Button>
      ) : null}
      {detail.abilities.assign && assignee ? (
        <Button icon={<UserDeleteOutlined />} onClick={unassign}>
          取消指派
        </Button>
      ) : null}
      <FormModal<{ comment: string }>
        title="确认预警"
        open={dialog === 'acknowledge'}
        onClose={() => setDialog(null)}
        onSubmit={({ comment }) => acknowledge.mutateAsync({ comment: comment.trim() })}
        onConflict={onReload}
        successMessage="已确认"
        okText="确认"
      >
        <Typography.Paragraph type="secondary">
          确认表示已知悉该问题并着手整改；问题整改后系统会自动将其标记为已解决，上级仍能看到这条预警。
        </Typography.Paragraph>
        <Form.Item
          name="comment"
          label="说明"
          rules={[
            { required: true, whitespace: true, message: '请填写说明，如整改安排' },
            { max: commentMax, message: `说明不能超过 ${commentMax} 个字` },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3 }}
            maxLength={commentMax}
            showCount
            placeholder="如：已安排本月补开支委会"
          />
        </Form.Item>
      </FormModal>
      <FormModal<{ personId: number; comment?: string }>
        title={assignee ? '改派责任人' : '指派责任人'}
        open={dialog === 'assign'}
        onClose={() => setDialog(null)}
        initialValues={assignee ? { personId: assignee.personId } : {}}
        onSubmit={({ personId, comment }) =>
          assign.mutateAsync({ personId, ...(comment?.trim() ? { comment: comment.trim() } : {}) })
        }
        onConflict={onReload}
        successMessage="已指派"
        okText="指派"
      >
        <Form.Item name="personId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <PersonPicker
            allowClear={false}
            initialOption={assignee ? { id: assignee.personId, name: assignee.name } : null}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label="说明"
          rules={[{ max: commentMax, message: `说明不能超过 ${commentMax} 个字` }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={commentMax} showCount placeholder="选填" />
        </Form.Item>
      </FormModal>
    </>
  );
}

interface RectifyValues {
  deadline?: Dayjs | null;
  responsiblePersonId?: number | null;
}

/**
 * 生成整改事项, or 查看整改事项 when the finding already has one still being rectified. Opening one takes the
 * route's permission (rectification:item:edit, within the caller's scope). A resolved finding needs none: the
 * server refuses it, so the button is not offered.
 */
function RectificationAction({
  detail,
  items,
}: {
  detail: AlertDetail;
  items: readonly RectificationItem[] | undefined;
}) {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const f = detail.item;
  const create = useCreateFromFinding(f.key);
  const [open, setOpen] = useState(false);
  const current = items?.find((i) => i.status !== 'closed');
  if (current)
    return (
      <Button icon={<IssuesCloseOutlined />} onClick={() => navigate(rectificationPath(current.id))}>
        查看整改事项
      </Button>
    );
  if (!items || !can('rectification:item:edit') || f.state === 'resolved') return null;
  const assignee = f.assignee?.personId ?? null;

  const submit = async ({ deadline, responsiblePersonId }: RectifyValues) => {
    const person = responsiblePersonId ?? null;
    try {
      const item = await create.mutateAsync({
        ...(deadline ? { deadline: toIsoDate(deadline) ?? undefined } : {}),
        ...(person !== assignee ? { responsiblePersonId: person } : {}),
      });
      navigate(rectificationPath(item.id));
    } catch (error) {
      // Someone opened one meanwhile: go to it.
      const existing = isApiError(error, 'CONFLICT') ? error.details?.rectificationId : undefined;
      if (typeof existing !== 'number') throw error;
      message.info(error instanceof Error ? error.message : '该预警已生成整改事项');
      navigate(rectificationPath(existing));
    }
  };

  return (
    <>
      <Button icon={<IssuesCloseOutlined />} onClick={() => setOpen(true)}>
        生成整改事项
      </Button>
      <FormModal<RectifyValues>
        title="生成整改事项"
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ deadline: null, responsiblePersonId: assignee }}
        onSubmit={submit}
        successMessage="已生成整改事项"
        okText="生成"
      >
        <Typography.Paragraph type="secondary">
          整改事项的党组织、问题和依据取自这条预警；{f.orgName}
          填写整改措施、关联证明整改的记录后提交，由上级党组织审核销号。
        </Typography.Paragraph>
        <Form.Item
          name="deadline"
          label="整改期限"
          extra={
            f.dueDate ? `不填则为预警期限 ${formatDate(f.dueDate)}（已过则为 30 天后）` : '不填则为 30 天后'
          }
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="responsiblePersonId"
          label="责任人"
          extra={assignee ? '默认为预警的责任人' : undefined}
        >
          <PersonPicker
            orgId={f.orgId}
            initialOption={f.assignee ? { id: f.assignee.personId, name: f.assignee.name } : null}
            placeholder="选填，输入姓名搜索"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** One finding: what was found and why, where it stands, its history, and 确认/指派 when allowed. */
export function AlertDetailPage() {
  const { key: rawKey = '' } = useParams();
  const valid = findingKeyPattern.test(rawKey);
  const detail = useAlertDetail(valid ? rawKey : null);
  const isNarrow = useIsNarrow();
  const can = useCan();
  // The person a finding is assigned to may open it from 待办 without reading the alerts.
  const list = can('alert:alert:view')
    ? { to: '/alerts', title: '监测预警' }
    : { to: '/inbox', title: '待办' };
  const back = { to: list.to, label: `返回${list.title}` };
  const orgCrumb = useOrgCrumb();
  const reload = () => void detail.refetch();
  // The items opened from the finding (the list filtered by its key), for those who read rectification.
  const rectifications = useFindingRectifications(rawKey, valid && can('rectification:item:view'));

  if (!valid || isApiError(detail.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title="没有这条预警"
        subTitle="预警不存在，或不在您的管理范围内"
        extra={<Link to={back.to}>{back.label}</Link>}
      />
    );
  }
  if (detail.isError) return <QueryError error={detail.error} onRetry={reload} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;

  return (
    <PageContainer
      breadcrumb={[list, orgCrumb({ id: d.item.orgId, name: d.item.orgName }), { title: d.item.title }]}
      title={
        <Space wrap size={[8, 4]}>
          <Link to={back.to} aria-label={back.label}>
            <ArrowLeftOutlined />
          </Link>
          <SeverityTag severity={d.item.severity} />
          <span style={{ overflowWrap: 'anywhere' }}>{d.item.title}</span>
        </Space>
      }
      extra={
        <>
          <AlertActions detail={d} onReload={reload} />
          <RectificationAction detail={d} items={rectifications.data?.items} />
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 24 } }}>
        <Descriptions
          bordered={!isNarrow}
          size="small"
          column={{ xs: 1, md: 2 }}
          items={findingItems(d, can('org:org:view'), rectifications.data?.items ?? [])}
        />
      </Card>
      <Card title="经过" styles={{ body: { padding: isNarrow ? 12 : 24 } }}>
        <FindingTimeline detail={d} />
      </Card>
    </PageContainer>
  );
}
