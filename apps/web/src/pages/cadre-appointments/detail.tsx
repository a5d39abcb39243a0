import {
  type AppointmentStep,
  appointmentStatusLabels,
  appointmentStepLabels,
  type CadreAppointmentDetail,
  type CadreAppointmentEvent,
  type CadreVeto,
  cadrePostLevelLabels,
  cadreTrackLabels,
  cadreVetoes,
  cadreVetoLabels,
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
  Radio,
  Result,
  Select,
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
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { emptyText, formatDate, toIsoDate } from '../../lib/format';
import { useActivityList } from '../activities/api';
import { formatShanghai } from '../activities/columns';
import { useCadreAppointmentDetail, useCadreAppointmentStep } from './api';
import { AppointmentStatusTag, DueTag, PersonName } from './columns';

/** The main path, as the progress bar shows it. */
const path = ['motion', 'recommended', 'inspected', 'decided', 'notice', 'probation', 'confirmed'] as const;
const danger: readonly AppointmentStep[] = ['withdraw', 'dismiss'];

interface StepValues {
  vetoResults?: Partial<Record<CadreVeto, boolean>>;
  meetingId?: number;
  notice?: [Dayjs | null, Dayjs | null] | null;
  documentNo?: string;
  reason?: string;
  note?: string;
}

/** The 党委会 records of the 党委 that were held (the decision links one; its day is the decision day). */
function MeetingSelect({
  committeeId,
  ...rest
}: {
  committeeId: number;
  value?: number;
  onChange?: (v: number) => void;
}) {
  const list = useActivityList({ orgId: committeeId, kind: 'committee_meeting', page: 1, pageSize: 100 });
  const meetings = (list.data?.items ?? []).filter(
    (a) => a.org.id === committeeId && (a.status === 'held' || a.status === 'closed'),
  );
  return (
    <Select
      {...rest}
      showSearch
      optionFilterProp="label"
      loading={list.isPending}
      placeholder="选择党委会记录"
      options={meetings.map((m) => ({ value: m.id, label: `${m.title}（${m.onDate}）` }))}
      notFoundContent="没有已召开的党委会记录"
    />
  );
}

function StepDialog({
  a,
  step,
  onClose,
  onConflict,
}: {
  a: CadreAppointmentDetail;
  step: AppointmentStep | null;
  onClose: () => void;
  onConflict: () => void;
}) {
  const take = useCadreAppointmentStep(a.id);
  const label = step ? appointmentStepLabels[step] : '';
  return (
    <FormModal<StepValues>
      title={label}
      open={step !== null}
      onClose={onClose}
      onConflict={onConflict}
      okText={label || '确定'}
      okDanger={step !== null && danger.includes(step)}
      successMessage={step ? `已办理${label}` : undefined}
      onSubmit={(v) =>
        take.mutateAsync({
          step: step!,
          version: a.version,
          ...(v.vetoResults ? { vetoResults: v.vetoResults } : {}),
          ...(v.meetingId ? { meetingId: v.meetingId } : {}),
          ...(v.notice?.[0] ? { noticeStartOn: toIsoDate(v.notice[0]) ?? undefined } : {}),
          ...(v.notice?.[1] ? { noticeEndOn: toIsoDate(v.notice[1]) ?? undefined } : {}),
          ...(v.documentNo?.trim() ? { documentNo: v.documentNo.trim() } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        })
      }
    >
      {step === 'inspect'
        ? a.vetoes.map((v) => (
            <Form.Item
              key={v}
              name={['vetoResults', v]}
              label={`${cadreVetoLabels[v]}考察`}
              rules={[{ required: true, message: `请填写${cadreVetoLabels[v]}考察结论` }]}
              extra="不合格的一票否决，不再提交党委讨论"
            >
              <Radio.Group
                options={[
                  { value: true, label: '合格' },
                  { value: false, label: '不合格' },
                ]}
              />
            </Form.Item>
          ))
        : null}
      {step === 'decide' ? (
        <Form.Item
          name="meetingId"
          label="党委会记录"
          rules={[{ required: true, message: '请选择党委会记录' }]}
          extra="党委会的日期即党委决定日期、任职起始日期"
        >
          <MeetingSelect committeeId={a.committee.id} />
        </Form.Item>
      ) : null}
      {step === 'publish_notice' ? (
        <Form.Item
          name="notice"
          label="公示期"
          rules={[{ required: true, message: '请选择公示的起止日期' }]}
          extra={`任前公示不少于${a.noticeWorkingDays}个工作日（条例第四十一条）`}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} aria-label="公示期" />
        </Form.Item>
      ) : null}
      {step === 'appoint' ? (
        <>
          <Typography.Paragraph>
            任职自党委决定日期 {a.decidedOn} 起，试用期一年，写入干部名册。
          </Typography.Paragraph>
          <Form.Item
            name="documentNo"
            label="任职文号"
            rules={[{ required: true, whitespace: true, message: '请填写任职文号' }]}
          >
            <Input maxLength={60} placeholder="如 院党委〔2026〕30号" />
          </Form.Item>
        </>
      ) : null}
      {step === 'confirm' ? (
        <Typography.Paragraph>试用期已满，经考核胜任现职，正式任职。</Typography.Paragraph>
      ) : null}
      {step === 'dismiss' || step === 'withdraw' ? (
        <Form.Item
          name="reason"
          label="理由"
          rules={[{ required: true, whitespace: true, message: '请说明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      ) : (
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 办理经过: each step with its day, facts and who took it, oldest first. */
function History({ events }: { events: readonly CadreAppointmentEvent[] }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color:
          e.toStatus === 'vetoed' || e.toStatus === 'withdrawn' || e.toStatus === 'dismissed'
            ? 'red'
            : 'blue',
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Space size={4} wrap>
              <Typography.Text strong>{formatDate(e.onDate)}</Typography.Text>
              <Tag>{e.kind === 'created' ? '动议' : appointmentStepLabels[e.kind]}</Tag>
              <Typography.Text type="secondary">→ {appointmentStatusLabels[e.toStatus]}</Typography.Text>
            </Space>
            {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {e.actorName ?? '系统'} 于 {formatShanghai(e.at)} 办理
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** One 选拔任用: where it stands, what is due, eligibility by clause, the steps the 组织部 may take, the history. */
export function CadreAppointmentDetailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useCadreAppointmentDetail(valid ? id : null);
  const [stepping, setStepping] = useState<AppointmentStep | null>(null);

  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result
        status="404"
        title="选拔任用不存在"
        extra={<Link to="/cadre-appointments">返回干部选拔任用</Link>}
      />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  if (!a) return <Skeleton active />;

  const current = (path as readonly string[]).indexOf(a.status === 'dismissed' ? 'confirmed' : a.status);
  const ended = a.status === 'vetoed' || a.status === 'withdrawn' || a.status === 'dismissed';
  // An ended procedure shows where it stopped: the step after the status it left.
  const from = a.events.at(-1)?.fromStatus ?? 'motion';
  const endedAt = ended ? (path as readonly string[]).indexOf(from) + 1 : current;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '人员', children: <PersonName item={a} /> },
    { key: 'org', label: '所在党组织', children: a.orgName ?? emptyText },
    { key: 'unit', label: '拟任单位', children: a.unit.name },
    { key: 'post', label: '拟任职务', children: a.postTitle },
    {
      key: 'level',
      label: '职级 / 类别',
      children: `${cadrePostLevelLabels[a.level]} · ${cadreTrackLabels[a.track]}${a.exceptional ? ' · 破格提拔' : ''}`,
    },
    { key: 'motion', label: '动议日期', children: formatDate(a.motionOn) },
    {
      key: 'meeting',
      label: '党委讨论决定',
      children: a.meeting ? (
        <Link to={`/activities/${a.meeting.id}`} style={{ textDecoration: 'underline' }}>
          {a.meeting.title}（{formatDate(a.meeting.onDate)}）
        </Link>
      ) : (
        emptyText
      ),
    },
    {
      key: 'vetoes',
      label: '考察结论',
      children: a.vetoResults
        ? cadreVetoes
            .filter((v) => a.vetoResults?.[v] !== undefined)
            .map((v) => `${cadreVetoLabels[v]}${a.vetoResults?.[v] ? '合格' : '不合格'}`)
            .join('，')
        : emptyText,
    },
    {
      key: 'notice',
      label: '任前公示',
      children: a.noticeStartOn
        ? `${formatDate(a.noticeStartOn)} 至 ${formatDate(a.noticeEndOn)}`
        : emptyText,
    },
    { key: 'doc', label: '任职文号', children: a.documentNo ?? emptyText },
    {
      key: 'appointed',
      label: '任职日期',
      children: a.decidedOn && a.appointedOn ? formatDate(a.decidedOn) : emptyText,
    },
    {
      key: 'probation',
      label: '试用期至',
      children: a.probationEndOn ? formatDate(a.probationEndOn) : emptyText,
    },
    {
      key: 'training',
      label: '培训学时',
      children: `近一年 ${a.training.hours} 学时（干部每年不少于 ${a.training.required} 学时）${
        a.trainingDueOn ? `；提任后须在 ${formatDate(a.trainingDueOn)} 前完成` : ''
      }`,
    },
    ...(a.reason ? [{ key: 'reason', label: '理由', children: a.reason }] : []),
    ...(a.note ? [{ key: 'note', label: '动议说明', span: 'filled' as const, children: a.note }] : []),
  ];

  return (
    <PageContainer
      title={`${a.name} · 拟任${a.unit.name}${a.postTitle}`}
      breadcrumb={[{ title: '干部选拔任用', to: '/cadre-appointments' }, { title: `选拔任用 ${a.id}` }]}
    >
      <Flex vertical gap={16}>
        {a.due ? (
          <Alert
            type={a.due.overdue ? 'error' : 'warning'}
            showIcon
            title={
              a.due.kind === 'appoint'
                ? `任前公示已于 ${a.noticeEndOn} 期满，请办理任职`
                : a.due.kind === 'confirm'
                  ? `试用期已于 ${a.due.dueOn} 期满，请办理转正或免去试任职务（条例第四十二条）`
                  : `试用期将于 ${a.due.dueOn} 期满：请组织试用期考核`
            }
          />
        ) : null}
        {a.eligibility.map((p) => (
          <Alert key={p.path} type={p.blocking ? 'error' : 'info'} showIcon title={p.message} />
        ))}
        <Card>
          <Flex vertical gap={16}>
            <Flex justify="space-between" wrap gap={8} align="center">
              <Space>
                <AppointmentStatusTag status={a.status} />
                <DueTag due={a.due} />
              </Space>
              <Space wrap>
                {a.allowedSteps.map((s, i) => (
                  <Button
                    key={s}
                    type={i === 0 && !danger.includes(s) ? 'primary' : 'default'}
                    danger={danger.includes(s)}
                    onClick={() => setStepping(s)}
                  >
                    {appointmentStepLabels[s]}
                  </Button>
                ))}
              </Space>
            </Flex>
            <Steps
              size="small"
              current={ended ? endedAt : current}
              status={ended ? 'error' : a.status === 'confirmed' ? 'finish' : 'process'}
              items={path.map((s, i) => ({
                title:
                  ended && i === endedAt ? appointmentStatusLabels[a.status] : appointmentStatusLabels[s],
              }))}
            />
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
          </Flex>
        </Card>
        <Card title="办理经过">
          <History events={a.events} />
        </Card>
      </Flex>
      <StepDialog
        a={a}
        step={stepping}
        onClose={() => setStepping(null)}
        onConflict={() => void query.refetch()}
      />
    </PageContainer>
  );
}
