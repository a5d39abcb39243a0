import { ArrowLeftOutlined, DesktopOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  type ActivityTransition,
  activityLimits,
  activityTransitionLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Form,
  Input,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PageContainer, useOrgCrumb } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { emptyText } from '../../lib/format';
import { useTabParam } from '../../lib/use-tab-param';
import { minutesUrl, useActivityDetail, useActivityTransition, useUpdateActivity } from './api';
import { AttendanceTab } from './attendance-tab';
import { ActivityKindTag, ActivityStatusTag, CountsText, formatShanghai, RatingTag } from './columns';
import {
  ActivityFormFields,
  type ActivityFormValues,
  detailToValues,
  syncActivityForm,
  toUpdateBody,
} from './form';
import { MinutesTab } from './minutes-tab';
import { ResolutionsTab } from './resolutions-tab';
import { ReviewsTab } from './reviews-tab';

const tabKeys = ['overview', 'attendance', 'agenda', 'minutes', 'reviews'] as const;

/**
 * 未达到法定人数: a 党员大会/支委会 archived with no more than half of those due present does not count
 * as held. Gold (gold-7 darkened in theme.ts) rather than antd's status "warning", whose text is 1.9:1.
 */
function QuorumTag() {
  return (
    <Tooltip title="到会人数未超过应到会人数的半数（《支部工作条例》第十一、十二条），不计为已召开">
      {/* Focusable so keyboard and touch users reach the explanation too. */}
      <Tag color="gold" tabIndex={0} style={{ marginInlineEnd: 0, cursor: 'help' }}>
        未达到法定人数
      </Tag>
    </Tooltip>
  );
}

function overviewItems(d: ActivityDetail): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '类型', children: <ActivityKindTag kind={d.kind} /> },
    { key: 'status', label: '状态', children: <ActivityStatusTag status={d.status} /> },
    { key: 'org', label: '党组织', children: d.org.name },
    {
      key: 'time',
      label: '时间',
      children: `${formatShanghai(d.startsAt)}${d.endsAt ? ` 至 ${formatShanghai(d.endsAt, 'HH:mm')}` : ''}`,
    },
    { key: 'place', label: '地点', children: d.place ?? emptyText },
    { key: 'host', label: d.kind === 'talk' ? '谈话人' : '主持人', children: d.host?.name ?? emptyText },
  ];
  if (d.kind === 'talk') {
    items.push(
      { key: 'partner', label: '谈话对象', children: d.partner?.name ?? emptyText },
      { key: 'topic', label: '谈话主题', children: d.topic ?? emptyText, span: 'filled' },
    );
  } else {
    items.push({ key: 'recorder', label: '记录人', children: d.recorder?.name ?? emptyText });
  }
  if (d.kind === 'lecture') items.push({ key: 'speaker', label: '主讲人', children: d.speaker ?? emptyText });
  items.push(
    { key: 'counts', label: '实到/应到', children: <CountsText counts={d.counts} /> },
    {
      key: 'signIn',
      label: '签到',
      children: d.signInOpen ? <Tag color="processing">签到进行中</Tag> : '未开放',
    },
    {
      key: 'placeCheck',
      label: '签到位置校验',
      children: d.placeCheck ? `半径 ${d.placeCheck.radiusM} 米` : '不校验',
    },
    {
      key: 'notice',
      label: '通知',
      span: 'filled',
      children: d.notice ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {d.notice}
          {d.noticePublishedAt ? (
            <Typography.Text type="secondary">（{formatShanghai(d.noticePublishedAt)} 发布）</Typography.Text>
          ) : null}
        </Typography.Paragraph>
      ) : (
        emptyText
      ),
    },
  );
  if (d.closedAt) items.push({ key: 'closed', label: '归档时间', children: formatShanghai(d.closedAt) });
  if (d.cancelReason)
    items.push({ key: 'cancel', label: '取消原因', children: d.cancelReason, span: 'filled' });
  if (d.rating) items.push({ key: 'rating', label: '检查评价', children: <RatingTag rating={d.rating} /> });
  return items;
}

/** Transitions in the order of a meeting, each shown only when the server says it is allowed. */
function allowedTransitions(d: ActivityDetail): ActivityTransition[] {
  const a = d.abilities;
  const list: ActivityTransition[] = [];
  if (a.publish) list.push('publish');
  if (a.start) list.push('start');
  if (a.manageAttendance && d.status === 'held') list.push(d.signInOpen ? 'stop-sign-in' : 'reopen-sign-in');
  if (a.close) list.push('close');
  if (a.cancel) list.push('cancel');
  return list;
}

const transitionDone: Record<ActivityTransition, string> = {
  publish: '通知已发布，应到人员可在手机上看到',
  start: '活动已开始，签到已开放',
  close: '已归档',
  cancel: '活动已取消',
  'reopen-sign-in': '签到已开启',
  'stop-sign-in': '签到已停止',
};

/** The toolbar that runs a meeting: publish → start (open the screen) → close. */
function ActivityActions({ detail, onConflict }: { detail: ActivityDetail; onConflict: () => void }) {
  const transition = useActivityTransition(detail.id);
  const handleError = useErrorHandler();
  const { message, modal } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const [editing, setEditing] = useState(false);
  const update = useUpdateActivity(detail.id);

  const run = async (t: ActivityTransition) => {
    try {
      await transition.mutateAsync({ transition: t, body: { version: detail.version } });
      message.success(transitionDone[t]);
      if (t === 'start') window.open(`/activities/${detail.id}/screen`, '_blank', 'noopener');
    } catch (error) {
      handleError(error, { onConflict });
    }
  };
  const confirmThenRun = (t: ActivityTransition) => {
    if (t === 'cancel') {
      setCancelling(true);
      return;
    }
    if (t === 'close') {
      modal.confirm({
        title: '归档这条记录？',
        content: `归档后尚未签到且未请假的 ${detail.counts.pending} 人记为缺席，记录计入合规统计和台账。`,
        okText: '归档',
        onOk: () => run('close'),
      });
      return;
    }
    void run(t);
  };

  return (
    <>
      {detail.abilities.edit ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          编辑计划
        </Button>
      ) : null}
      {detail.abilities.showSignInCode ? (
        <Button icon={<DesktopOutlined />} href={`/activities/${detail.id}/screen`} target="_blank">
          签到大屏
        </Button>
      ) : null}
      {allowedTransitions(detail).map((t) => (
        <Button
          key={t}
          type={t === 'start' || t === 'close' || t === 'publish' ? 'primary' : 'default'}
          danger={t === 'cancel'}
          loading={transition.isPending && transition.variables?.transition === t}
          onClick={() => confirmThenRun(t)}
        >
          {activityTransitionLabels[t]}
        </Button>
      ))}
      <Button icon={<FileWordOutlined />} href={minutesUrl(detail.id)}>
        会议记录（Word）
      </Button>
      <FormModal<{ reason: string }>
        title="取消活动"
        open={cancelling}
        onClose={() => setCancelling(false)}
        onSubmit={({ reason }) =>
          transition.mutateAsync({
            transition: 'cancel',
            body: { version: detail.version, reason: reason.trim() },
          })
        }
        onConflict={onConflict}
        successMessage={transitionDone.cancel}
        okText="取消活动"
        okDanger
      >
        <Form.Item
          name="reason"
          label="取消原因"
          rules={[
            { required: true, whitespace: true, message: '请填写取消原因' },
            { max: activityLimits.reason.max, message: `取消原因不能超过 ${activityLimits.reason.max} 个字` },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </FormModal>
      <FormDrawer<ActivityFormValues>
        title="编辑计划"
        open={editing}
        onClose={() => setEditing(false)}
        initialValues={detailToValues(detail)}
        onValuesChange={syncActivityForm}
        onSubmit={(values) => update.mutateAsync(toUpdateBody(values, detail.version))}
        onConflict={onConflict}
        successMessage="已保存"
        width={680}
      >
        <ActivityFormFields
          isEdit
          people={{ host: detail.host, recorder: detail.recorder, partner: detail.partner }}
        />
      </FormDrawer>
    </>
  );
}

/** One record: plan, attendance and sign-in, agenda and resolutions, minutes and files, supervision checks. */
export function ActivityDetailPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useActivityDetail(valid ? id : null);
  const [tab, setTab] = useTabParam(tabKeys);
  const orgCrumb = useOrgCrumb();
  const refetch = () => void detail.refetch();

  if (!valid || isApiError(detail.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title="没有这条活动记录"
        subTitle="记录不存在，或不在您的管理范围内"
        extra={<Link to="/activities">返回活动记录</Link>}
      />
    );
  }
  if (detail.isError) return <QueryError error={detail.error} onRetry={refetch} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;

  const pendingLeave = d.attendees.filter((a) => a.leave?.status === 'requested').length;
  return (
    <PageContainer
      breadcrumb={[{ title: '活动记录', to: '/activities' }, orgCrumb(d.org), { title: d.title }]}
      title={
        <Space wrap>
          <Link to="/activities" aria-label="返回活动记录">
            <ArrowLeftOutlined />
          </Link>
          {d.title}
          <ActivityStatusTag status={d.status} />
          {d.quorumMet === false ? <QuorumTag /> : null}
        </Space>
      }
      extra={<ActivityActions detail={d} onConflict={refetch} />}
    >
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'overview',
              label: '概况',
              children: (
                <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={overviewItems(d)} />
              ),
            },
            {
              key: 'attendance',
              label: (
                <Flex gap={4} align="center">
                  出勤签到
                  {pendingLeave > 0 ? <Tag color="orange">{pendingLeave}</Tag> : null}
                </Flex>
              ),
              children: <AttendanceTab detail={d} />,
            },
            {
              key: 'agenda',
              label: '议程与决议',
              children: <ResolutionsTab detail={d} onConflict={refetch} />,
            },
            { key: 'minutes', label: '纪要与附件', children: <MinutesTab detail={d} onConflict={refetch} /> },
            {
              key: 'reviews',
              label: `督促检查${d.reviews.length > 0 ? `（${d.reviews.length}）` : ''}`,
              children: <ReviewsTab detail={d} />,
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
