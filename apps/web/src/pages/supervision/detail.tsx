import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import {
  progressReportCadenceLabels,
  type SupervisedTaskDetail,
  type SupervisedTaskEvent,
  type SupervisedTaskTransition,
  supervisedTaskEventLabels,
  supervisedTaskLimits,
  supervisedTaskStatuses,
  supervisedTaskStatusLabels,
  supervisedTaskTransitionLabels,
  supervisedTaskTransitions,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  DatePicker,
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
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { emptyText, formatDate, fromIsoDate, toIsoDate } from '../../lib/format';
import { formatShanghai } from '../activities/columns';
import {
  sheetUrl,
  useReportProgress,
  useSupervisedTaskDetail,
  useSupervisedTaskTransition,
  useUpdateSupervisedTask,
} from './api';
import { SourceMeeting, SupervisedTaskStatusTag, TaskDeadlineView } from './columns';
import { TaskFields, type TaskFormValues, toTaskFields, useUnitsBelow } from './form';

/** What each step asks for besides the click. */
const stepInputs: Partial<Record<SupervisedTaskTransition, 'result' | 'reason' | 'extension'>> = {
  report_done: 'result',
  return: 'reason',
  request_extension: 'extension',
  reject_extension: 'reason',
};

/** The lead's steps first, then the assigner's; the first of each is the primary button. */
const primary: readonly SupervisedTaskTransition[] = [
  'accept',
  'report_done',
  'confirm_done',
  'approve_extension',
];

interface StepValues {
  result?: string;
  reason?: string;
  until?: Dayjs | null;
}

function StepDialog({
  task,
  transition,
  onClose,
  onConflict,
}: {
  task: SupervisedTaskDetail;
  transition: SupervisedTaskTransition | null;
  onClose: () => void;
  onConflict: () => void;
}) {
  const step = useSupervisedTaskTransition(task.id);
  const input = transition ? stepInputs[transition] : undefined;
  return (
    <FormModal<StepValues>
      title={transition ? supervisedTaskTransitionLabels[transition] : ''}
      open={transition !== null}
      onClose={onClose}
      onConflict={onConflict}
      okText={transition ? supervisedTaskTransitionLabels[transition] : '确定'}
      successMessage={transition ? `已${supervisedTaskTransitionLabels[transition]}` : undefined}
      onSubmit={(v) =>
        step.mutateAsync({
          transition: transition!,
          version: task.version,
          ...(v.result ? { result: v.result.trim() } : {}),
          ...(v.reason ? { reason: v.reason.trim() } : {}),
          ...(v.until ? { until: toIsoDate(v.until) ?? undefined } : {}),
        })
      }
    >
      {transition === 'accept' ? (
        <Typography.Paragraph>
          签收后由{task.leadOrg.name}牵头办理，按要求报告进展，办结期限 {task.deadline}。
        </Typography.Paragraph>
      ) : null}
      {transition === 'confirm_done' ? (
        <Typography.Paragraph>确认{task.leadOrg.name}报告的办理结果，督办事项办结。</Typography.Paragraph>
      ) : null}
      {transition === 'approve_extension' && task.extensionRequest ? (
        <Typography.Paragraph>
          同意将办结期限由 {task.deadline} 延至 {task.extensionRequest.until}（理由：
          {task.extensionRequest.reason}）。
        </Typography.Paragraph>
      ) : null}
      {input === 'result' ? (
        <Form.Item
          name="result"
          label="办理结果"
          rules={[{ required: true, whitespace: true, message: '请填写办理结果' }]}
        >
          <Input.TextArea rows={4} maxLength={supervisedTaskLimits.result.max} showCount />
        </Form.Item>
      ) : null}
      {input === 'extension' ? (
        <Form.Item name="until" label="延期至" rules={[{ required: true, message: '请选择新的办结期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {input === 'reason' || input === 'extension' ? (
        <Form.Item
          name="reason"
          label={transition === 'return' ? '退回理由' : '理由'}
          rules={[{ required: true, whitespace: true, message: '请说明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={supervisedTaskLimits.reason.max} showCount />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** 办理经过: who did what when, oldest first. */
function EventTimeline({ events }: { events: readonly SupervisedTaskEvent[] }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatShanghai(e.at)}
            </Typography.Text>
            <Space size={4} wrap>
              <Tag>{supervisedTaskEventLabels[e.kind]}</Tag>
              <Typography.Text type="secondary">{e.actorName ?? '系统'}</Typography.Text>
              {e.until ? (
                <Typography.Text type="secondary">期限 {formatDate(e.until)}</Typography.Text>
              ) : null}
            </Space>
            {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/** 进展报告 of the lead unit. */
function ProgressSection({ task }: { task: SupervisedTaskDetail }) {
  const report = useReportProgress(task.id);
  const [open, setOpen] = useState(false);
  const reports = task.events.filter((e) => e.kind === 'progress');
  return (
    <Card
      title="办理进展"
      extra={
        task.abilities.reportProgress ? (
          <Button type="primary" onClick={() => setOpen(true)}>
            报告进展
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        {progressReportCadenceLabels[task.cadence]}
        {task.nextReportDue ? `；下次应于 ${task.nextReportDue} 前报告` : ''}
        {task.reportMissing ? '（已到期未报告）' : ''}
      </Typography.Paragraph>
      {reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无进展报告" />
      ) : (
        <List
          dataSource={reports}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Typography.Text type="secondary">
                  {formatShanghai(r.at)} {r.actorName ?? ''}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.note}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <FormModal<{ note: string }>
        title="报告办理进展"
        open={open}
        onClose={() => setOpen(false)}
        okText="报告"
        successMessage="已报告进展"
        onSubmit={(v) => report.mutateAsync(v.note.trim())}
      >
        <Form.Item
          name="note"
          label="办理进展"
          rules={[
            {
              required: true,
              whitespace: true,
              min: supervisedTaskLimits.progress.min,
              message: '请填写办理进展',
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={supervisedTaskLimits.progress.max} showCount />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

/** Corrects the task before it is accepted (the assigner). */
function EditDrawer({
  task,
  open,
  onClose,
  onConflict,
}: {
  task: SupervisedTaskDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const update = useUpdateSupervisedTask(task.id);
  const units = useUnitsBelow(task.issuerOrg.id);
  return (
    <FormDrawer<TaskFormValues>
      title="修改督办事项"
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={{
        title: task.title,
        content: task.content ?? '',
        leadOrgId: task.leadOrg.id,
        assistingOrgIds: task.assistingOrgs.map((o) => o.id),
        deadline: fromIsoDate(task.deadline),
        cadence: task.cadence,
      }}
      onSubmit={(v) => update.mutateAsync({ ...toTaskFields(v), version: task.version })}
      successMessage="已修改"
      width={600}
    >
      <TaskFields units={units} />
    </FormDrawer>
  );
}

/**
 * One supervised task: where it came from (the record and its resolution), the units, deadline and status, the
 * steps (buttons from the server's abilities), the progress reports, the timeline and the 督办单.
 */
export function SupervisedTaskDetailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useSupervisedTaskDetail(valid ? id : null);
  const [stepping, setStepping] = useState<SupervisedTaskTransition | null>(null);
  const [editing, setEditing] = useState(false);

  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result status="404" title="督办事项不存在" extra={<Link to="/supervised-tasks">返回督办事项</Link>} />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const t = query.data;
  if (!t) return <Skeleton active />;

  const allowed = supervisedTaskTransitions.filter((s) => t.abilities[s]);
  const refetch = () => void query.refetch();
  const items: DescriptionsProps['items'] = [
    { key: 'source', label: '事项来源', children: <SourceMeeting item={t} /> },
    { key: 'resolution', label: '决议事项', children: t.resolution?.title ?? emptyText },
    { key: 'issuer', label: '交办单位', children: t.issuerOrg.name },
    { key: 'lead', label: '牵头单位', children: t.leadOrg.name },
    {
      key: 'assisting',
      label: '协办单位',
      children: t.assistingOrgs.length ? t.assistingOrgs.map((o) => o.name).join('、') : '无',
    },
    { key: 'issued', label: '交办日期', children: formatDate(t.issuedOn) },
    { key: 'deadline', label: '办结期限', children: <TaskDeadlineView item={t} /> },
    { key: 'cadence', label: '进展报告', children: progressReportCadenceLabels[t.cadence] },
    { key: 'by', label: '交办人', children: t.createdByName ?? emptyText },
    {
      key: 'content',
      label: '督办要求',
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.content ?? emptyText}</span>,
    },
    ...(t.result
      ? [
          {
            key: 'result',
            label: '办理结果',
            span: 'filled' as const,
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.result}</span>,
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={t.title}
      breadcrumb={[{ title: '督办事项', to: '/supervised-tasks' }, { title: `督办事项 ${t.id}` }]}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={sheetUrl(t.id)}>
            下载督办单
          </Button>
          {t.abilities.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
          ) : null}
        </>
      }
    >
      <Flex vertical gap={16}>
        {t.overdue ? (
          <Alert type="error" showIcon title={`已逾期：办结期限 ${t.deadline} 已过，尚未报告办结`} />
        ) : null}
        {t.extensionRequest ? (
          <Alert
            type="warning"
            showIcon
            title={`申请延期至 ${t.extensionRequest.until}，等待${t.issuerOrg.name}审核：${t.extensionRequest.reason}`}
          />
        ) : null}
        <Card>
          <Flex vertical gap={16}>
            <Flex justify="space-between" wrap gap={8} align="center">
              <SupervisedTaskStatusTag status={t.status} />
              <Space wrap>
                {allowed.map((s) => (
                  <Button
                    key={s}
                    type={primary.includes(s) ? 'primary' : 'default'}
                    onClick={() => setStepping(s)}
                  >
                    {supervisedTaskTransitionLabels[s]}
                  </Button>
                ))}
              </Space>
            </Flex>
            <Steps
              size="small"
              current={supervisedTaskStatuses.indexOf(t.status)}
              status={t.overdue ? 'error' : t.status === 'done' ? 'finish' : 'process'}
              items={supervisedTaskStatuses.map((s) => ({ title: supervisedTaskStatusLabels[s] }))}
            />
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
          </Flex>
        </Card>
        <ProgressSection task={t} />
        <Card title="办理经过">
          <EventTimeline events={t.events} />
        </Card>
      </Flex>
      <StepDialog task={t} transition={stepping} onClose={() => setStepping(null)} onConflict={refetch} />
      <EditDrawer task={t} open={editing} onClose={() => setEditing(false)} onConflict={refetch} />
    </PageContainer>
  );
}
