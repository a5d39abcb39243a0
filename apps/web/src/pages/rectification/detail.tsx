import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type RectificationDetail,
  type RectificationEvent,
  type RectificationEventKind,
  type RectificationStatus,
  type RectificationTransition,
  rectificationEventLabels,
  rectificationLimits,
  rectificationStatuses,
  rectificationStatusLabels,
  rectificationTransitions,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
  type StepsProps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PageContainer, useOrgCrumb } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate, fromIsoDate, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatShanghai } from '../activities/columns';
import { alertPath } from '../alerts/links';
import {
  useAddProgress,
  useRectificationDetail,
  useRectificationTransition,
  useUpdateRectification,
} from './api';
import { DeadlineView, RectificationStatusTag, SourceView } from './columns';
import { EvidenceSection } from './evidence';
import {
  MilestoneFields,
  type MilestoneValues,
  milestonesToValues,
  PeopleFormFields,
  type PeopleFormValues,
  StepFormFields,
  type StepFormValues,
  stepTexts,
  TermsFormFields,
  type TermsFormValues,
  toMilestones,
  toStepBody,
} from './form';

const L = rectificationLimits;

/** A field the server named in a refusal (提交销号 without a result, evidence …), shown on its part of the page. */
type Problems = Partial<Record<string, string>>;

type StepStatus = NonNullable<NonNullable<StepsProps['items']>[number]['status']>;

/** When each status was last reached, from the timeline. */
function reachedAt(d: RectificationDetail, status: RectificationStatus): string | null {
  if (status === 'pending') return d.createdAt;
  if (status === 'submitted') return d.submittedAt;
  if (status === 'closed') return d.closedAt;
  return d.events.findLast((e) => e.toStatus === 'in_progress' && e.fromStatus !== 'in_progress')?.at ?? null;
}

/** 待整改 → 整改中 → 已提交 → 已销号, with the day each was reached; an overdue item's current step is red. */
function StatusSteps({ d }: { d: RectificationDetail }) {
  const isNarrow = useIsNarrow();
  const current = rectificationStatuses.indexOf(d.status);
  const status = (i: number): StepStatus => {
    if (d.status === 'closed' || i < current) return 'finish';
    if (i > current) return 'wait';
    return d.overdue ? 'error' : 'process';
  };
  return (
    <Steps
      size="small"
      orientation={isNarrow ? 'vertical' : 'horizontal'}
      titlePlacement={isNarrow ? 'horizontal' : 'vertical'}
      items={rectificationStatuses.map((s, i) => {
        const at = i <= current ? reachedAt(d, s) : null;
        return {
          key: s,
          title: rectificationStatusLabels[s],
          status: status(i),
          content: at ? formatShanghai(at, 'YYYY-MM-DD') : undefined,
        };
      })}
    />
  );
}

/** Where the problem came from: its kind and a link to the finding or the meeting record. */
function sourceDetail(d: RectificationDetail, canReadLife: boolean): ReactNode {
  return (
    <Flex vertical gap={2}>
      <SourceView item={{ ...d, activityId: null, findingKey: null }} />
      {d.findingKey ? <Link to={alertPath(d.findingKey)}>查看预警及其经过</Link> : null}
      {d.activity ? (
        canReadLife ? (
          <Link to={`/activities/${d.activity.id}`}>
            {formatDate(d.activity.onDate)} {d.activity.title}
          </Link>
        ) : (
          <span>
            {formatDate(d.activity.onDate)} {d.activity.title}
          </span>
        )
      ) : null}
      {d.inspection ? (
        <Link to={`/inspections/${d.inspection.id}?unit=${d.orgId}`}>{d.inspection.name}</Link>
      ) : null}
      {d.campaign ? (
        <Link to={`/rectification-campaigns/${d.campaign.id}`}>问题清单：{d.campaign.name}</Link>
      ) : null}
      {d.sourceRef ? <Typography.Text type="secondary">{d.sourceRef}</Typography.Text> : null}
    </Flex>
  );
}

function summaryItems(d: RectificationDetail, canReadOrgs: boolean, canReadLife: boolean) {
  const items: DescriptionsProps['items'] = [
    {
      key: 'problem',
      label: '问题',
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{d.problem}</span>,
    },
    { key: 'clause', label: '依据', span: 'filled', children: d.clause ?? emptyText },
    { key: 'source', label: '来源', children: sourceDetail(d, canReadLife) },
    {
      key: 'org',
      label: '整改责任党组织',
      children: canReadOrgs ? <Link to={`/orgs/${d.orgId}`}>{d.orgName}</Link> : d.orgName,
    },
    { key: 'person', label: '责任人', children: d.responsiblePerson?.name ?? '未指定' },
    {
      key: 'assisting',
      label: '协办党组织',
      children: d.assistingOrgs.length > 0 ? d.assistingOrgs.map((o) => o.name).join('、') : emptyText,
    },
    { key: 'deadline', label: '整改期限', children: <DeadlineView item={d} /> },
    {
      key: 'verifier',
      label: '审核销号',
      children: d.verifier.level === 'committee' ? `${d.verifier.orgName}（组织部）` : d.verifier.orgName,
    },
    {
      key: 'created',
      label: '登记',
      children: `${d.createdByName ?? '系统'}（${formatShanghai(d.createdAt)}）`,
    },
  ];
  if (d.extensionRequest)
    items.push({
      key: 'extension',
      label: '延期申请',
      span: 'filled',
      children: (
        <span style={{ whiteSpace: 'pre-wrap' }}>
          <Tag color="cyan">待审核</Tag>申请延期至 {formatDate(d.extensionRequest.until)}，理由：
          {d.extensionRequest.reason}
        </span>
      ),
    });
  return items;
}

/** Dot colours of the timeline (blue spelt out: 'blue' would take the theme's red primary colour). */
const eventColors = {
  created: 'gray',
  edited: 'gray',
  progress: '#1677ff',
  evidence_added: 'green',
  evidence_removed: 'gray',
  start: '#1677ff',
  submit: 'purple',
  verify: 'green',
  return: 'red',
  request_extension: 'orange',
  approve_extension: 'green',
  reject_extension: 'red',
  reopen: 'red',
} as const satisfies Record<RectificationEventKind, string>;

/** Tag colours of the timeline: antd presets, whose text theme.ts keeps at 4.5:1 (a custom colour has white text). */
const eventTagColors = {
  created: 'default',
  edited: 'default',
  progress: 'blue',
  evidence_added: 'green',
  evidence_removed: 'default',
  start: 'blue',
  submit: 'purple',
  verify: 'green',
  return: 'red',
  request_extension: 'orange',
  approve_extension: 'green',
  reject_extension: 'red',
  reopen: 'volcano',
} as const satisfies Record<RectificationEventKind, string>;

/** What one entry adds to its label: the status moved, the date set, the note. */
function EventBody({ e }: { e: RectificationEvent }) {
  const until =
    e.until === null
      ? null
      : e.kind === 'request_extension'
        ? `申请延期至 ${formatDate(e.until)}`
        : e.kind === 'approve_extension'
          ? `整改期限延至 ${formatDate(e.until)}`
          : e.kind === 'reopen'
            ? `新的整改期限 ${formatDate(e.until)}`
            : e.kind === 'created'
              ? `整改期限 ${formatDate(e.until)}`
              : e.kind === 'edited'
                ? `整改期限改为 ${formatDate(e.until)}`
                : null;
  return (
    <>
      {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
        <div>
          {rectificationStatusLabels[e.fromStatus]} → {rectificationStatusLabels[e.toStatus]}
        </div>
      ) : null}
      {until ? <div>{until}</div> : null}
      {e.note ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>
          {e.note}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

/** 整改经过: who did what when, oldest first. */
function EventTimeline({ events }: { events: readonly RectificationEvent[] }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: eventColors[e.kind],
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatShanghai(e.at)}
            </Typography.Text>
            <Space size={4} wrap>
              <Tag color={eventTagColors[e.kind]}>{rectificationEventLabels[e.kind]}</Tag>
              <Typography.Text type="secondary">{e.actorName ?? '系统'}</Typography.Text>
            </Space>
            <EventBody e={e} />
          </div>
        ),
      }))}
    />
  );
}

/** The order of the step buttons: the org that rectifies, then the level above. */
const primarySteps: readonly RectificationTransition[] = ['start', 'submit', 'verify', 'approve_extension'];

/** The steps the server allows the user now, each opening its dialog. */
function StepButtons({
  d,
  onStep,
}: {
  d: RectificationDetail;
  onStep: (step: RectificationTransition) => void;
}) {
  const allowed = rectificationTransitions.filter((t) => d.abilities[t]);
  if (allowed.length === 0) return null;
  return (
    <>
      {allowed.map((t) => (
        <Button
          key={t}
          type={primarySteps.includes(t) ? 'primary' : 'default'}
          danger={stepTexts[t].danger ?? false}
          onClick={() => onStep(t)}
        >
          {stepTexts[t].title}
        </Button>
      ))}
    </>
  );
}

/**
 * A step's dialog. What the step still needs elsewhere on the page (measures, result, evidence, milestones) is
 * handed to the page to show on that part; the dialog's own fields (reason, date) keep their messages.
 */
function StepModal({
  d,
  step,
  onClose,
  onProblems,
  onConflict,
}: {
  d: RectificationDetail;
  step: RectificationTransition;
  onClose: () => void;
  onProblems: (problems: Problems) => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<StepFormValues>();
  const transition = useRectificationTransition(d.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const text = stepTexts[step];

  const submit = async () => {
    let values: StepFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await transition.mutateAsync(toStepBody(step, values, d));
      message.success(text.done);
      onClose();
    } catch (error) {
      const fields = isApiError(error, 'VALIDATION_FAILED') ? (error.details?.fields ?? []) : [];
      const own = fields.filter((f) => f.path === 'reason' || f.path === 'until');
      const elsewhere = fields.filter((f) => f.path !== 'reason' && f.path !== 'until');
      if (elsewhere.length > 0) {
        onProblems(Object.fromEntries(elsewhere.map((f) => [String(f.path).split('.')[0], f.message])));
        message.error(elsewhere.map((f) => f.message).join('；'));
        onClose();
        return;
      }
      if (own.length > 0) {
        applyFieldErrors(form, own);
        return;
      }
      handleError(error, {
        form,
        onConflict: () => {
          onConflict();
          onClose();
        },
      });
    }
  };

  return (
    <Modal
      title={text.title}
      open
      onCancel={onClose}
      onOk={() => void submit()}
      okText={text.ok}
      okButtonProps={{ danger: text.danger ?? false }}
      confirmLoading={transition.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<StepFormValues> form={form} layout="vertical" preserve={false}>
        <StepFormFields step={step} d={d} />
      </Form>
    </Modal>
  );
}

/** A text the org that rectifies writes (整改措施, 整改完成情况), with its editor. */
function TextBlock({
  id,
  label,
  value,
  empty,
  problem,
  canEdit,
  onEdit,
}: {
  id: string;
  label: string;
  value: string | null;
  empty: string;
  problem: string | undefined;
  canEdit: boolean;
  onEdit: () => void;
}) {
  return (
    <div id={id} style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
          {label}
        </Typography.Title>
        {canEdit ? (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={`填写${label}`}>
            {value ? '修改' : '填写'}
          </Button>
        ) : null}
      </Flex>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} role="alert" /> : null}
      <Typography.Paragraph
        type={value ? undefined : 'secondary'}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '8px 0 0' }}
      >
        {value ?? empty}
      </Typography.Paragraph>
    </div>
  );
}

/** The milestones of a 长期整改 item, each with its due day and the day it was done. */
function MilestoneTable({ d }: { d: RectificationDetail }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={d.milestones}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '阶段', dataIndex: 'title', key: 'title' },
        {
          title: '完成期限',
          dataIndex: 'dueOn',
          key: 'dueOn',
          width: 110,
          render: (v: string) => formatDate(v),
        },
        {
          title: '完成情况',
          dataIndex: 'doneOn',
          key: 'doneOn',
          width: 130,
          render: (v: string | null) =>
            v ? <Tag color="green">{formatDate(v)} 完成</Tag> : <Tag color="gold">未完成</Tag>,
        },
      ]}
    />
  );
}

/** The parts of the page a refused step may name, in page order, with their element ids. */
const problemOrder = ['measures', 'result', 'milestones', 'evidence'] as const;
const sectionIds = {
  measures: 'rectification-measures',
  result: 'rectification-result',
  milestones: 'rectification-milestones',
  evidence: 'rectification-evidence',
} as const satisfies Record<(typeof problemOrder)[number], string>;

type Editing = 'measures' | 'result' | 'people' | 'milestones' | 'terms' | 'progress' | null;

/** 整改事项: the problem, where it stands, what is being done and what proves it, and the steps allowed now. */
export function RectificationDetailPage() {
  const { id: rawId = '' } = useParams();
  const id = /^\d+$/.test(rawId) ? Number(rawId) : null;
  const detail = useRectificationDetail(id);
  const isNarrow = useIsNarrow();
  const can = useCan();
  const orgCrumb = useOrgCrumb();
  const [step, setStep] = useState<RectificationTransition | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<Problems>({});
  const update = useUpdateRectification(id ?? 0);
  const progress = useAddProgress(id ?? 0);
  const reload = () => void detail.refetch();
  const version = detail.data?.version;

  // What a refused step asked for is shown until the item changes.
  useEffect(() => {
    if (version !== undefined) setProblems({});
  }, [version]);
  // …and the first part of the page it names is brought into view.
  useEffect(() => {
    const first = problemOrder.find((k) => problems[k]);
    if (first) document.getElementById(sectionIds[first])?.scrollIntoView({ block: 'center' });
  }, [problems]);

  if (id === null || isApiError(detail.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title="没有这项整改事项"
        subTitle="整改事项不存在，或不在您的管理范围内"
        extra={<Link to="/rectifications">返回整改台账</Link>}
      />
    );
  }
  if (detail.isError) return <QueryError error={detail.error} onRetry={reload} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;

  const canEdit = d.abilities.edit;
  const short = d.problem.length > 36 ? `${d.problem.slice(0, 36)}…` : d.problem;
  const progressNotes = d.events.filter((e) => e.kind === 'progress');
  const cardBody = { body: { padding: isNarrow ? 12 : 24 } };

  return (
    <PageContainer
      breadcrumb={[
        { title: '整改台账', to: '/rectifications' },
        orgCrumb({ id: d.orgId, name: d.orgName }),
        { title: `整改事项 ${d.id}` },
      ]}
      title={
        <Space wrap size={[8, 4]}>
          <Link to="/rectifications" aria-label="返回整改台账">
            <ArrowLeftOutlined />
          </Link>
          <span style={{ overflowWrap: 'anywhere' }}>{short}</span>
          <RectificationStatusTag status={d.status} reopenCount={d.reopenCount} />
        </Space>
      }
      extra={<StepButtons d={d} onStep={setStep} />}
    >
      {d.assisting ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本单位是该事项的协办单位：由${d.orgName}整改并提交销号，本单位可查看事项和佐证，填报承担部分的进展。`}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }} styles={cardBody}>
        <StatusSteps d={d} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title="问题与责任"
            style={{ marginBottom: 16 }}
            styles={cardBody}
            extra={
              <Space wrap>
                {d.abilities.editTerms ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('terms')}>
                    修改问题与期限
                  </Button>
                ) : null}
                {canEdit ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('people')}>
                    责任人与协办
                  </Button>
                ) : null}
              </Space>
            }
          >
            <Descriptions
              bordered={!isNarrow}
              size="small"
              column={{ xs: 1, md: 2 }}
              styles={{ label: { whiteSpace: 'nowrap' } }}
              items={summaryItems(d, can('org:org:view'), can('life:activity:view'))}
            />
          </Card>

          <Card title="整改措施与完成情况" style={{ marginBottom: 16 }} styles={cardBody}>
            <TextBlock
              id={sectionIds.measures}
              label="整改措施"
              value={d.measures}
              empty="尚未填写（开始整改前须填写）"
              problem={problems.measures}
              canEdit={canEdit}
              onEdit={() => setEditing('measures')}
            />
            <TextBlock
              id={sectionIds.result}
              label="整改完成情况"
              value={d.result}
              empty="尚未填写（提交销号前须说明）"
              problem={problems.result}
              canEdit={canEdit}
              onEdit={() => setEditing('result')}
            />
          </Card>

          {d.milestones.length > 0 || canEdit ? (
            <Card
              id={sectionIds.milestones}
              title="整改阶段（长期整改）"
              style={{ marginBottom: 16 }}
              styles={cardBody}
              extra={
                canEdit ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing('milestones')}>
                    {d.milestones.length > 0 ? '修改阶段' : '设为长期整改'}
                  </Button>
                ) : null
              }
            >
              {problems.milestones ? (
                <Alert
                  type="error"
                  showIcon
                  title={problems.milestones}
                  style={{ marginBottom: 12 }}
                  role="alert"
                />
              ) : null}
              {d.milestones.length > 0 ? (
                <MilestoneTable d={d} />
              ) : (
                <Typography.Text type="secondary">立行立改，未分阶段。</Typography.Text>
              )}
            </Card>
          ) : null}

          <Card
            id={sectionIds.evidence}
            title={`整改佐证（${d.evidence.length}）`}
            style={{ marginBottom: 16 }}
            styles={cardBody}
          >
            <EvidenceSection d={d} problem={problems.evidence ?? null} />
          </Card>

          <Card
            title="整改进展"
            style={{ marginBottom: 16 }}
            styles={cardBody}
            extra={
              d.abilities.progress ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('progress')}>
                  {d.assisting ? '填报协办进展' : '填报进展'}
                </Button>
              ) : null
            }
          >
            {progressNotes.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无进展记录" />
            ) : (
              <Flex vertical gap={12}>
                {progressNotes.map((e) => (
                  <div key={`${e.at}-${e.actorName}-${e.note}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatShanghai(e.at)} {e.actorName ?? ''}
                    </Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {e.note}
                    </Typography.Paragraph>
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="整改经过" styles={cardBody}>
            <EventTimeline events={d.events} />
          </Card>
        </Col>
      </Row>

      {step ? (
        <StepModal
          d={d}
          step={step}
          onClose={() => setStep(null)}
          onProblems={setProblems}
          onConflict={reload}
        />
      ) : null}

      <FormModal<{ text?: string }>
        title={editing === 'result' ? '整改完成情况' : '整改措施'}
        open={editing === 'measures' || editing === 'result'}
        onClose={() => setEditing(null)}
        initialValues={{ text: (editing === 'result' ? d.result : d.measures) ?? '' }}
        onSubmit={({ text }) => {
          const value = text?.trim() ? text.trim() : null;
          return update.mutateAsync(
            editing === 'result'
              ? { result: value, version: d.version }
              : { measures: value, version: d.version },
          );
        }}
        onConflict={reload}
        successMessage="已保存"
        width={640}
      >
        <Form.Item
          name="text"
          label={editing === 'result' ? '整改完成情况' : '整改措施'}
          extra={
            editing === 'result'
              ? '写明整改做了什么、结果如何；证明整改的记录请在“整改佐证”中关联。'
              : '写明整改的具体措施、责任分工和时间安排。'
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 5, maxRows: 14 }}
            maxLength={editing === 'result' ? L.result.max : L.measures.max}
            showCount
          />
        </Form.Item>
      </FormModal>

      <FormModal<PeopleFormValues>
        title="责任人与协办党组织"
        open={editing === 'people'}
        onClose={() => setEditing(null)}
        initialValues={{
          responsiblePersonId: d.responsiblePerson?.id ?? null,
          assistingOrgIds: d.assistingOrgs.map((o) => o.id),
        }}
        onSubmit={(v) =>
          update.mutateAsync({
            responsiblePersonId: v.responsiblePersonId ?? null,
            assistingOrgIds: v.assistingOrgIds ?? [],
            version: d.version,
          })
        }
        onConflict={reload}
        successMessage="已保存"
      >
        <PeopleFormFields d={d} />
      </FormModal>

      <FormDrawer<{ milestones: MilestoneValues[] }>
        title="整改阶段"
        open={editing === 'milestones'}
        onClose={() => setEditing(null)}
        initialValues={{ milestones: milestonesToValues(d) }}
        onSubmit={(v) => update.mutateAsync({ milestones: toMilestones(v.milestones), version: d.version })}
        onConflict={reload}
        successMessage="已保存"
        width={640}
      >
        <Typography.Paragraph type="secondary">整改期限：{formatDate(d.deadline)}</Typography.Paragraph>
        <MilestoneFields withDone />
      </FormDrawer>

      <FormDrawer<TermsFormValues>
        title="修改问题与期限"
        open={editing === 'terms'}
        onClose={() => setEditing(null)}
        initialValues={{ problem: d.problem, clause: d.clause ?? '', deadline: fromIsoDate(d.deadline) }}
        onSubmit={(v) => {
          // Only what was changed: the timeline says what was corrected.
          const problem = v.problem.trim();
          const clause = v.clause?.trim() ? v.clause.trim() : null;
          const deadline = toIsoDate(v.deadline) ?? '';
          const changed = {
            ...(problem !== d.problem ? { problem } : {}),
            ...(clause !== d.clause ? { clause } : {}),
            ...(deadline !== d.deadline ? { deadline } : {}),
          };
          if (Object.keys(changed).length === 0) return Promise.resolve();
          return update.mutateAsync({ ...changed, version: d.version });
        }}
        onConflict={reload}
        successMessage="已保存"
      >
        <Typography.Paragraph type="secondary">
          开始整改前，{d.verifier.orgName}可更正问题、依据和期限；此后期限只能通过延期调整。
        </Typography.Paragraph>
        <TermsFormFields />
      </FormDrawer>

      <FormModal<{ note: string }>
        title="填报整改进展"
        open={editing === 'progress'}
        onClose={() => setEditing(null)}
        onSubmit={({ note }) => progress.mutateAsync(note.trim())}
        successMessage="已记入整改经过"
        okText="填报"
      >
        <Form.Item
          name="note"
          label="进展"
          rules={[
            { required: true, whitespace: true, message: '请填写进展' },
            { min: L.progress.min, message: `至少 ${L.progress.min} 个字` },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={L.progress.max} showCount />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
