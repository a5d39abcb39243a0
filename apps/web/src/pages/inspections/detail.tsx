import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type InspectionDetail,
  type InspectionEvent,
  type InspectionFigures,
  type InspectionLookbackOutcome,
  type InspectionUnitDetail,
  type InspectionUnitTransition,
  inspectionEventLabels,
  inspectionKindLabels,
  inspectionLimits,
  inspectionLookbackOutcomeLabels,
  inspectionTeamRoleLabels,
  inspectionUnitStatuses,
  inspectionUnitStatusLabels,
  inspectionUnitTransitionLabels,
  inspectionUnitTransitions,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { PersonPicker } from '../../components/person-picker';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { emptyText, formatDate, fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatShanghai } from '../activities/columns';
import { RectificationStatusTag } from '../rectification/columns';
import {
  ledgerUrl,
  useInspectionDetail,
  useRecordFeedback,
  useRecordLookback,
  useReturnReport,
  useSubmitReport,
} from './api';
import { ReportDueView, UnitStatusTag } from './columns';
import { EditRoundDrawer } from './form';

type Figures = InspectionFigures;

/** Items in all, closed, still in progress and overdue — always counted by the server. */
function FiguresView({ figures }: { figures: Figures }) {
  const cell = (label: string, value: number, danger = false) => (
    <Flex vertical align="center" style={{ minWidth: 64 }}>
      <Typography.Text strong type={danger && value > 0 ? 'danger' : undefined} style={{ fontSize: 20 }}>
        {value}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
    </Flex>
  );
  return (
    <Flex gap={12} wrap>
      {cell('反馈问题', figures.total)}
      {cell('已销号', figures.closed)}
      {cell('整改中', figures.inProgress)}
      {cell('逾期', figures.overdue, true)}
    </Flex>
  );
}

interface ProblemValues {
  problem: string;
  clause?: string;
  responsiblePersonId?: number | null;
  deadline?: Dayjs | null;
}
interface FeedbackValues {
  feedbackOn: Dayjs | null;
  summary?: string;
  problems: ProblemValues[];
}

/** 录入巡察反馈: the feedback's day, its words and the problems, each becoming a rectification item. */
function FeedbackDrawer({
  round,
  unit,
  open,
  onClose,
  onConflict,
}: {
  round: InspectionDetail;
  unit: InspectionUnitDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const record = useRecordFeedback(round.id, unit.orgId);
  return (
    <FormDrawer<FeedbackValues>
      title={`录入巡察反馈：${unit.orgName}`}
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={{ feedbackOn: fromIsoDate(todayIso()), problems: [{ problem: '' }] }}
      onSubmit={(v) =>
        record.mutateAsync({
          feedbackOn: toIsoDate(v.feedbackOn) ?? '',
          summary: v.summary?.trim() ? v.summary.trim() : null,
          problems: v.problems.map((p) => ({
            problem: p.problem.trim(),
            clause: p.clause?.trim() ? p.clause.trim() : null,
            responsiblePersonId: p.responsiblePersonId ?? null,
            deadline: toIsoDate(p.deadline ?? null),
          })),
        })
      }
      successMessage="已录入反馈并生成整改事项"
      okText="录入"
      width={680}
    >
      <Typography.Paragraph type="secondary">
        每个问题生成{unit.orgName}
        的一项整改事项（来源“巡察反馈”），由组织部审核销号。整改期限不填时为整改报告期限（反馈后
        {round.reportMonths}个月）。
      </Typography.Paragraph>
      <Form.Item name="feedbackOn" label="反馈日期" rules={[{ required: true, message: '请选择反馈日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="summary" label="反馈意见">
        <Input.TextArea rows={3} maxLength={inspectionLimits.summary.max} showCount />
      </Form.Item>
      <Form.List name="problems">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                title={`问题 ${i + 1}`}
                extra={
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={`删除问题 ${i + 1}`}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Form.Item
                  name={[field.name, 'problem']}
                  label="问题"
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      min: inspectionLimits.problem.min,
                      message: '请填写反馈的问题',
                    },
                  ]}
                >
                  <Input.TextArea rows={2} maxLength={inspectionLimits.problem.max} />
                </Form.Item>
                <Form.Item name={[field.name, 'clause']} label="依据条款">
                  <Input
                    maxLength={inspectionLimits.clause.max}
                    placeholder="违反的规定或标准（已知时填写）"
                  />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'responsiblePersonId']} label="责任人">
                      <PersonPicker orgId={unit.orgId} placeholder="可不填" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'deadline']} label="整改期限">
                      <DatePicker style={{ width: '100%' }} placeholder="默认为整改报告期限" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= inspectionLimits.problems.max}
              onClick={() => add({ problem: '' })}
            >
              添加问题
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}

/** 提交整改报告: the secretary writes the report; the figures are the server's. */
function ReportDrawer({
  round,
  unit,
  open,
  onClose,
  onConflict,
}: {
  round: InspectionDetail;
  unit: InspectionUnitDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const submit = useSubmitReport(round.id, unit.orgId);
  return (
    <FormDrawer<{ report: string }>
      title={`提交整改报告：${round.name}`}
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={{ report: unit.report?.text ?? '' }}
      onSubmit={(v) => submit.mutateAsync(v.report.trim())}
      successMessage="已提交整改报告"
      okText="提交"
      width={640}
    >
      <Typography.Paragraph>
        写明整改工作的组织落实、主要措施和成效、尚未完成问题的计划；主要负责人为整改第一责任人。整改数据由平台按本单位的整改事项统计，提交时一并记录，不需填写：
      </Typography.Paragraph>
      <FiguresView figures={unit.figures} />
      <Form.Item
        name="report"
        label="整改情况报告"
        style={{ marginTop: 16 }}
        rules={[
          {
            required: true,
            whitespace: true,
            min: inspectionLimits.report.min,
            message: '请填写整改情况报告（至少20字）',
          },
        ]}
      >
        <Input.TextArea rows={10} maxLength={inspectionLimits.report.max} showCount />
      </Form.Item>
    </FormDrawer>
  );
}

interface VerdictValues {
  rectificationId: number;
  outcome: InspectionLookbackOutcome;
  reason?: string;
  until?: Dayjs | null;
}
interface LookbackValues {
  lookbackOn: Dayjs | null;
  note: string;
  verdicts: VerdictValues[];
}

/** 记录回头看: a verdict on every closed item; a 反弹 reopens it with a reason and a new deadline. */
function LookbackDrawer({
  round,
  unit,
  open,
  onClose,
  onConflict,
}: {
  round: InspectionDetail;
  unit: InspectionUnitDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const record = useRecordLookback(round.id, unit.orgId);
  const closed = unit.items.filter((i) => i.status === 'closed');
  const open_ = unit.items.length - closed.length;
  return (
    <FormDrawer<LookbackValues>
      title={`记录回头看：${unit.orgName}`}
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={{
        lookbackOn: fromIsoDate(todayIso()),
        verdicts: closed.map((i) => ({ rectificationId: i.id, outcome: 'confirmed' })),
      }}
      onSubmit={(v) =>
        record.mutateAsync({
          lookbackOn: toIsoDate(v.lookbackOn) ?? '',
          note: v.note.trim(),
          verdicts: (v.verdicts ?? []).map((x) => ({
            rectificationId: x.rectificationId,
            outcome: x.outcome,
            reason: x.outcome === 'rebound' && x.reason?.trim() ? x.reason.trim() : null,
            until: x.outcome === 'rebound' ? toIsoDate(x.until ?? null) : null,
          })),
        })
      }
      successMessage="已记录回头看"
      okText="记录"
      width={680}
    >
      <Typography.Paragraph type="secondary">
        检查整改台账，逐项核实已销号问题是否反弹；反弹的问题重新打开整改（回头看发现反弹）。
        {open_ > 0 ? `另有${open_}个问题尚未销号，继续按整改事项办理。` : ''}
      </Typography.Paragraph>
      <Form.Item
        name="lookbackOn"
        label="回头看日期"
        rules={[{ required: true, message: '请选择回头看日期' }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="note"
        label="回头看情况"
        rules={[
          { required: true, whitespace: true, min: inspectionLimits.note.min, message: '请填写回头看情况' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={inspectionLimits.note.max} showCount />
      </Form.Item>
      {closed.length === 0 ? (
        <Typography.Paragraph type="secondary">本单位尚无已销号的问题。</Typography.Paragraph>
      ) : null}
      <Form.List name="verdicts">
        {(fields) => (
          <Flex vertical gap={12}>
            {fields.map((field, i) => (
              <Card key={field.key} size="small" title={`已销号问题 ${i + 1}`}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  {closed[i]?.problem}
                </Typography.Paragraph>
                <Form.Item name={[field.name, 'outcome']} label="回头看判定" rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    options={(['confirmed', 'rebound'] as const).map((o) => ({
                      value: o,
                      label: inspectionLookbackOutcomeLabels[o],
                    }))}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['verdicts', field.name, 'outcome']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['verdicts', field.name, 'outcome']) === 'rebound' ? (
                      <Row gutter={12}>
                        <Col xs={24} sm={14}>
                          <Form.Item
                            name={[field.name, 'reason']}
                            label="反弹情况"
                            rules={[
                              { required: true, whitespace: true, min: 2, message: '请说明问题如何反弹' },
                            ]}
                          >
                            <Input.TextArea rows={2} maxLength={inspectionLimits.reason.max} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} sm={10}>
                          <Form.Item
                            name={[field.name, 'until']}
                            label="重新整改期限"
                            rules={[{ required: true, message: '请选择重新整改期限' }]}
                          >
                            <DatePicker style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                      </Row>
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))}
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}

/** 退回整改报告 with what it lacks. */
function ReturnModal({
  round,
  unit,
  open,
  onClose,
  onConflict,
}: {
  round: InspectionDetail;
  unit: InspectionUnitDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const back = useReturnReport(round.id, unit.orgId);
  return (
    <FormModal<{ reason: string }>
      title={`退回整改报告：${unit.orgName}`}
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      onSubmit={(v) => back.mutateAsync(v.reason.trim())}
      successMessage="已退回整改报告"
      okText="退回"
      okDanger
    >
      <Form.Item
        name="reason"
        label="退回理由"
        rules={[{ required: true, whitespace: true, min: 2, message: '请说明需要补充或修改的内容' }]}
      >
        <Input.TextArea rows={3} maxLength={inspectionLimits.reason.max} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** The unit's problems as rectification items: each opens the item, where it is rectified and closed. */
function ItemsList({ unit }: { unit: InspectionUnitDetail }) {
  const verdicts = new Map((unit.lookback?.verdicts ?? []).map((v) => [v.rectificationId, v]));
  if (unit.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未录入反馈问题" />;
  return (
    <List
      size="small"
      dataSource={unit.items}
      renderItem={(item, i) => {
        const verdict = verdicts.get(item.id);
        return (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Link to={`/rectifications/${item.id}`} style={{ overflowWrap: 'anywhere' }}>
                {i + 1}. {item.problem}
              </Link>
              <Space size={6} wrap>
                <RectificationStatusTag status={item.status} reopenCount={item.reopenCount} />
                {item.overdue ? <Tag color="red">逾期</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  期限 {formatDate(item.deadline)}
                  {item.closedOn ? ` · 销号 ${formatDate(item.closedOn)}` : ''}
                  {item.responsiblePerson ? ` · 责任人 ${item.responsiblePerson.name}` : ''}
                </Typography.Text>
                {verdict ? (
                  <Tag color={verdict.outcome === 'rebound' ? 'volcano' : 'green'}>
                    回头看：{inspectionLookbackOutcomeLabels[verdict.outcome]}
                  </Tag>
                ) : null}
              </Space>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

/** Which steps open which form. */
const primaryStep: Partial<Record<InspectionUnitTransition, true>> = {
  record_feedback: true,
  submit_report: true,
  record_lookback: true,
};

/** One unit of the round: where it stands, its dates and figures, its problems, report and 回头看, and its steps. */
function UnitCard({
  round,
  unit,
  onConflict,
}: {
  round: InspectionDetail;
  unit: InspectionUnitDetail;
  onConflict: () => void;
}) {
  const [step, setStep] = useState<InspectionUnitTransition | null>(null);
  const isNarrow = useIsNarrow();
  const allowed = inspectionUnitTransitions.filter((t) => unit.abilities[t]);
  const actions =
    allowed.length > 0 ? (
      <Space wrap>
        {allowed.map((t) => (
          <Button
            key={t}
            type={primaryStep[t] ? 'primary' : 'default'}
            danger={t === 'return_report'}
            onClick={() => setStep(t)}
          >
            {inspectionUnitTransitionLabels[t]}
          </Button>
        ))}
      </Space>
    ) : null;
  const close = () => setStep(null);
  const props = { round, unit, onClose: close, onConflict };
  const dates: DescriptionsProps['items'] = [
    {
      key: 'feedback',
      label: '反馈日期',
      children: unit.feedbackOn ? formatDate(unit.feedbackOn) : '待反馈',
    },
    { key: 'due', label: '整改报告期限', children: <ReportDueView unit={unit} /> },
    {
      key: 'lookback',
      label: '回头看时间',
      children: unit.lookbackDue ? formatDate(unit.lookbackDue) : `反馈后${round.lookbackMonths}个月`,
    },
  ];
  return (
    <Card
      id={`unit-${unit.orgId}`}
      title={
        <Space size={8} wrap>
          <span>{unit.orgName}</span>
          <UnitStatusTag status={unit.status} />
        </Space>
      }
      // On a phone the steps go under the title, where they have the width.
      extra={isNarrow ? null : actions}
    >
      <Flex vertical gap={16}>
        {isNarrow ? actions : null}
        <Steps
          size="small"
          current={inspectionUnitStatuses.indexOf(unit.status)}
          status={unit.reportOverdue ? 'error' : unit.status === 'looked_back' ? 'finish' : 'process'}
          items={inspectionUnitStatuses.map((s) => ({ title: inspectionUnitStatusLabels[s] }))}
        />
        {unit.reportOverdue ? (
          <Alert type="error" showIcon title={`整改报告已逾期：应于 ${unit.reportDue} 前报送`} />
        ) : null}
        {unit.returnedReason ? (
          <Alert type="warning" showIcon title={`整改报告被退回：${unit.returnedReason}`} />
        ) : null}
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={dates} />
        {unit.status !== 'awaiting_feedback' ? <FiguresView figures={unit.figures} /> : null}
        {unit.summary ? (
          <div>
            <Typography.Text strong>反馈意见</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {unit.summary}
            </Typography.Paragraph>
          </div>
        ) : null}
        <div>
          <Typography.Text strong>反馈问题及整改</Typography.Text>
          <ItemsList unit={unit} />
        </div>
        {unit.report ? (
          <Card
            size="small"
            title={`整改报告（${formatDate(unit.report.submittedOn)} ${unit.report.byName ?? ''} 提交）`}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{unit.report.text}</Typography.Paragraph>
            <Typography.Text type="secondary">提交时的整改数据：</Typography.Text>
            <FiguresView figures={unit.report.figures} />
          </Card>
        ) : null}
        {unit.lookback ? (
          <Card
            size="small"
            title={`回头看（${formatDate(unit.lookback.on)} ${unit.lookback.byName ?? ''}）`}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {unit.lookback.note}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              已销号问题 {unit.lookback.verdicts.length} 项：整改到位{' '}
              {unit.lookback.verdicts.filter((v) => v.outcome === 'confirmed').length} 项，问题反弹{' '}
              {unit.lookback.verdicts.filter((v) => v.outcome === 'rebound').length} 项
            </Typography.Text>
          </Card>
        ) : null}
      </Flex>
      {step === 'record_feedback' ? <FeedbackDrawer {...props} open /> : null}
      {step === 'submit_report' ? <ReportDrawer {...props} open /> : null}
      {step === 'return_report' ? <ReturnModal {...props} open /> : null}
      {step === 'record_lookback' ? <LookbackDrawer {...props} open /> : null}
    </Card>
  );
}

/** 办理经过 of the round: who did what, on which unit, oldest first. */
function EventTimeline({ events }: { events: readonly InspectionEvent[] }) {
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
              <Tag>{inspectionEventLabels[e.kind]}</Tag>
              {e.orgName ? <span>{e.orgName}</span> : null}
              <Typography.Text type="secondary">{e.actorName ?? '系统'}</Typography.Text>
            </Space>
            {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/**
 * One 巡察 round: its kind, dates, focus and team; each unit the user may see (a unit only itself) with its
 * feedback, the problems as rectification items, the 整改报告 and the 回头看, and the steps the server allows; the
 * timeline and the 巡察整改台账.
 */
export function InspectionDetailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [search] = useSearchParams();
  const focus = Number(search.get('unit')) || null;
  const query = useInspectionDetail(valid ? id : null);
  const [editing, setEditing] = useState(false);
  const isNarrow = useIsNarrow();
  const loaded = query.data !== undefined;

  useEffect(() => {
    if (loaded && focus) document.getElementById(`unit-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [loaded, focus]);

  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return <Result status="404" title="巡察轮次不存在" extra={<Link to="/inspections">返回巡察整改</Link>} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  if (!r) return <Skeleton active />;
  const refetch = () => void query.refetch();

  const team = (['leader', 'deputy', 'member'] as const)
    .map((role) => {
      const names = r.team
        .filter((m) => m.role === role)
        .map((m) => (m.title ? `${m.name}（${m.title}）` : m.name));
      return names.length > 0 ? `${inspectionTeamRoleLabels[role]}：${names.join('、')}` : null;
    })
    .filter((s): s is string => s !== null);
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '巡察类型', children: inspectionKindLabels[r.kind] },
    { key: 'period', label: '巡察时间', children: `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}` },
    {
      key: 'months',
      label: '整改期限',
      children: `反馈后${r.reportMonths}个月内报送整改报告，${r.lookbackMonths}个月后回头看`,
    },
    { key: 'units', label: '被巡察单位', children: `${r.unitCount} 个` },
    {
      key: 'team',
      label: '巡察组',
      span: 'filled',
      children: (
        <Flex vertical gap={2}>
          {team.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'focus',
      label: '巡察重点',
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.focus ?? emptyText}</span>,
    },
  ];

  return (
    <PageContainer
      title={r.name}
      breadcrumb={[{ title: '巡察整改', to: '/inspections' }, { title: r.name }]}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={ledgerUrl(r.id)}>
            下载巡察整改台账
          </Button>
          {r.abilities.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
          ) : null}
        </>
      }
    >
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            bordered={!isNarrow}
            layout={isNarrow ? 'vertical' : 'horizontal'}
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={items}
          />
        </Card>
        {r.units.length < r.unitCount ? (
          <Typography.Text type="secondary">
            本轮巡察共 {r.unitCount} 个被巡察单位，此处只显示本单位。
          </Typography.Text>
        ) : null}
        {r.units.map((u) => (
          <UnitCard key={u.orgId} round={r} unit={u} onConflict={refetch} />
        ))}
        <Card title="办理经过">
          <EventTimeline events={r.events} />
        </Card>
      </Flex>
      {editing ? (
        <EditRoundDrawer round={r} open onClose={() => setEditing(false)} onConflict={refetch} />
      ) : null}
    </PageContainer>
  );
}
