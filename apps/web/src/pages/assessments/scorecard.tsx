import { DownloadOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import {
  type AssessmentStatus,
  type AssessmentTransition,
  assessmentLimits,
  assessmentStatusLabels,
  assessmentTransitionLabels,
  assessmentTransitions,
  followUpBandLabels,
  type IndicatorSystemDefinition,
  type OrgAssessmentDetail,
  publicNoticeEnd,
  type ReviewLevel,
  reviewLevelLabels,
  starLabel,
} from '@dangjian/core';
import {
  Alert,
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
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, todayIso, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  assessmentPaths,
  scorecardDocxUrl,
  useAssessmentTransition,
  useCommitteeIds,
  useIndicatorSystem,
  useOrgAssessment,
  useSaveOrgAssessment,
} from './api';
import { AssessmentStatusTag, FollowUpTag, Stars } from './columns';
import { type RecordRef, uniqueRecords } from './record-links';
import { DimensionSection, type EntryContext, VetoSection } from './score-items';
import {
  initialFormValues,
  isJudgeable,
  mapBodyErrors,
  passesGeneralBranch,
  type ScorecardFormValues,
  scoreItems,
  toOrgAssessmentBody,
} from './scorecard-model';
import { isDecided } from './star-model';
import './scorecard.css';

/** The steps of the procedure in order (不参评 is not a step). */
const procedure: readonly AssessmentStatus[] = [
  'self_assessment',
  'general_branch_review',
  'department_review',
  'committee_decision',
  'public_notice',
  'final',
];

/** Steps that send the org back and need a reason. */
const returning: readonly AssessmentTransition[] = [
  'general_branch_return',
  'department_return',
  'decision_return',
  'objection',
];

/** The buttons' order and look: the forward step of each level is the primary one. */
const forward: readonly AssessmentTransition[] = [
  'submit_self',
  'general_branch_approve',
  'department_approve',
  'record_decision',
  'finalise',
];

interface StepValues {
  reason?: string;
  decidedOn?: Dayjs | null;
  noticeStartOn?: Dayjs | null;
  noticeEndOn?: Dayjs | null;
}

/** One step of the procedure, with what it asks for: a reason to send back, the 党委's date and the 公示. */
function TransitionDialog({
  roundId,
  detail,
  transition,
  noticeWorkingDays,
  onClose,
  onConflict,
}: {
  roundId: number;
  detail: OrgAssessmentDetail;
  transition: AssessmentTransition | null;
  noticeWorkingDays: number;
  onClose: () => void;
  onConflict: () => void;
}) {
  const step = useAssessmentTransition(roundId, detail.orgId);
  const [start, setStart] = useState<string>(todayIso());
  const label = transition ? assessmentTransitionLabels[transition] : '';
  const needsReason = transition !== null && returning.includes(transition);
  return (
    <FormModal<StepValues>
      title={label}
      open={transition !== null}
      onClose={onClose}
      onConflict={onConflict}
      okText={label || '确定'}
      okDanger={needsReason}
      successMessage={transition ? `已${label}` : undefined}
      initialValues={
        transition === 'record_decision'
          ? { decidedOn: dayjs(todayIso()), noticeStartOn: dayjs(todayIso()) }
          : {}
      }
      onValuesChange={(changed) => {
        if (changed.noticeStartOn) setStart(toIsoDate(changed.noticeStartOn) ?? todayIso());
      }}
      onSubmit={(v) =>
        step.mutateAsync({
          transition: transition!,
          version: detail.version,
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          ...(v.decidedOn ? { decidedOn: toIsoDate(v.decidedOn) ?? undefined } : {}),
          ...(v.noticeStartOn ? { noticeStartOn: toIsoDate(v.noticeStartOn) ?? undefined } : {}),
          ...(v.noticeEndOn ? { noticeEndOn: toIsoDate(v.noticeEndOn) ?? undefined } : {}),
        })
      }
    >
      {transition === 'submit_self' ? (
        <Typography.Paragraph>
          提交后由上级审核，自评内容不能再修改（被退回后可修改再提交）。按记录自动计算的指标由平台取数，审核通过前随记录更新。
        </Typography.Paragraph>
      ) : null}
      {transition === 'general_branch_approve' || transition === 'department_approve' ? (
        <Typography.Paragraph>
          审核通过后{transition === 'department_approve' ? '评分确定，报党委审定' : '报组织部审核'}。当前{' '}
          {detail.total === null ? '' : `总分 ${detail.total} 分`}
          {detail.stars !== null ? `，${starLabel(detail.stars)}` : ''}
          {detail.passed !== null ? (detail.passed ? '，达标' : '，不达标') : ''}。
        </Typography.Paragraph>
      ) : null}
      {transition === 'finalise' ? (
        <Typography.Paragraph>
          公示期满（{formatDate(detail.noticeStartOn)} 至 {formatDate(detail.noticeEndOn)}），确定考核结果。
        </Typography.Paragraph>
      ) : null}
      {transition === 'record_decision' ? (
        <>
          <Typography.Paragraph>
            登记党委审定的日期并开始公示，公示不少于 {noticeWorkingDays} 个工作日。
          </Typography.Paragraph>
          <Form.Item
            name="decidedOn"
            label="党委审定日期"
            rules={[{ required: true, message: '请选择党委审定日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="noticeStartOn"
            label="公示开始日期"
            rules={[{ required: true, message: '请选择公示开始日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="noticeEndOn"
            label="公示结束日期"
            extra={`不填则按 ${noticeWorkingDays} 个工作日计算，至 ${publicNoticeEnd(start, noticeWorkingDays)}（跨节假日的请手动延长）`}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
      {needsReason ? (
        <Form.Item
          name="reason"
          label={transition === 'objection' ? '公示期间反映的问题' : '退回理由'}
          rules={[{ required: true, whitespace: true, message: '请写明理由' }]}
        >
          <Input.TextArea rows={3} maxLength={assessmentLimits.reason.max} showCount />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** The result as it stands: total and stars (暂定 until the 党委 decides), or 达标; the veto and the follow-up. */
function ResultSummary({ detail }: { detail: OrgAssessmentDetail }) {
  const s = detail.score;
  if (detail.status === 'not_rated')
    return <Alert type="info" showIcon title="本轮不参评" description={detail.notRatedReason ?? undefined} />;
  if (!s) return null;
  const provisional = !isDecided(detail.status);
  return (
    <Flex gap={24} wrap align="center">
      {s.mode === 'score' ? (
        <div>
          <Typography.Text type="secondary">总分</Typography.Text>
          <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2 }} data-testid="assessment-total">
            {s.total}
            <Typography.Text type="secondary" style={{ fontSize: 14 }}>
              {' '}
              / {s.maxScore} 分
            </Typography.Text>
          </div>
          {s.vetoed && s.scoreBeforeVeto !== s.total ? (
            <Typography.Text type="secondary">否决前 {s.scoreBeforeVeto} 分</Typography.Text>
          ) : null}
        </div>
      ) : (
        <div>
          <Typography.Text type="secondary">
            达标验收{provisional ? '（按当前评分，暂定）' : ''}
          </Typography.Text>
          <div style={{ fontSize: 24, fontWeight: 600 }}>
            <Tag color={s.passed ? 'green' : 'red'} style={{ fontSize: 16, padding: '2px 8px' }}>
              {s.passed ? '达标' : '不达标'}
            </Tag>
          </div>
          <Typography.Text type="secondary">
            {s.passedCount} / {s.passFailCount} 项达标
          </Typography.Text>
        </div>
      )}
      {s.stars !== null ? (
        <div>
          <Typography.Text type="secondary">星级{provisional ? '（按当前得分，暂定）' : ''}</Typography.Text>
          <div style={{ fontSize: 22 }} data-testid="assessment-stars">
            <Stars stars={s.stars} provisional={provisional} />{' '}
            <span style={{ fontSize: 14 }}>{starLabel(s.stars)}</span>
          </div>
          {s.vetoed && s.starsBeforeVeto !== s.stars && s.starsBeforeVeto !== null ? (
            <Typography.Text type="secondary">
              按得分为{starLabel(s.starsBeforeVeto)}，因一票否决降为{starLabel(s.stars)}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      {detail.followUp ? (
        <div>
          <Typography.Text type="secondary">结果运用</Typography.Text>
          <div>
            <FollowUpTag band={detail.followUp} />
          </div>
        </div>
      ) : null}
      {s.vetoed ? (
        <Tag
          color={detail.vetoProvisional ? 'orange' : 'red'}
          title={detail.vetoProvisional ? '考核期尚未结束，按目前的记录触发；期内补齐后自动解除' : undefined}
        >
          {detail.vetoProvisional ? '触发一票否决（暂定）' : '触发一票否决'}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** 考核经过: who did each step and when, oldest first. */
function StepHistory({ history }: { history: OrgAssessmentDetail['history'] }) {
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无办理记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        content: (
          <div style={{ overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDateTime(h.at)}
            </Typography.Text>
            <Space size={4} wrap>
              <Tag color={returning.includes(h.transition) ? 'red' : 'blue'}>
                {assessmentTransitionLabels[h.transition]}
              </Tag>
              <Typography.Text type="secondary">{h.byName}</Typography.Text>
              <Typography.Text type="secondary">
                {assessmentStatusLabels[h.from]} → {assessmentStatusLabels[h.to]}
              </Typography.Text>
            </Space>
            {h.reason ? <div style={{ whiteSpace: 'pre-wrap' }}>{h.reason}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/** The round's facts on the scorecard: the system, period, deadlines, when the figures were computed, the 公示. */
function roundFacts(d: OrgAssessmentDetail): DescriptionsProps['items'] {
  const r = d.round;
  return [
    { key: 'system', label: '指标体系', children: d.system.name },
    {
      key: 'period',
      label: '考核期',
      children: `${formatDate(r.periodStart)} 至 ${formatDate(r.periodEnd)}`,
    },
    ...(d.parentName ? [{ key: 'parent', label: '上级党组织', children: d.parentName }] : []),
    ...(r.selfDueOn ? [{ key: 'self', label: '自评截止', children: formatDate(r.selfDueOn) }] : []),
    ...(r.reviewDueOn ? [{ key: 'review', label: '审核截止', children: formatDate(r.reviewDueOn) }] : []),
    ...(d.computedAt
      ? [
          {
            key: 'computed',
            label: '数据取自记录',
            children: `${formatDateTime(d.computedAt)}${mayFollow(d.status) ? '（审核通过前随记录更新）' : ''}`,
          },
        ]
      : []),
    ...(d.decidedOn ? [{ key: 'decided', label: '党委审定', children: formatDate(d.decidedOn) }] : []),
    ...(d.noticeStartOn
      ? [
          {
            key: 'notice',
            label: '公示',
            children: `${formatDate(d.noticeStartOn)} 至 ${formatDate(d.noticeEndOn)}`,
          },
        ]
      : []),
  ];
}

/** The figures still follow the records (core `mayRecompute`): until the 组织部 approves. */
const mayFollow = (s: AssessmentStatus) =>
  s === 'self_assessment' || s === 'general_branch_review' || s === 'department_review';

/** The org's earlier results (the trend) and the rectification items a 整改 result opened. */
function FollowUpCard({ detail }: { detail: OrgAssessmentDetail }) {
  if (detail.trend.length === 0 && detail.rectificationIds.length === 0) return null;
  return (
    <Card size="small" title="历年结果与整改">
      <Flex vertical gap={8}>
        {detail.rectificationIds.length > 0 ? (
          <div>
            <Typography.Text strong>考核整改事项：</Typography.Text>
            <Space wrap>
              {detail.rectificationIds.map((rid) => (
                <Link key={rid} to={`/rectifications/${rid}`} style={{ textDecoration: 'underline' }}>
                  整改事项 {rid}
                </Link>
              ))}
            </Space>
          </div>
        ) : null}
        {detail.trend.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="历年考核结果">
            {detail.trend.map((t) => (
              <li key={t.roundId}>
                <Link to={assessmentPaths.scorecard(t.roundId, detail.orgId)}>{t.roundTitle}</Link>：
                {t.passed !== null
                  ? t.passed
                    ? '达标'
                    : '不达标'
                  : t.total !== null
                    ? `${t.total} 分`
                    : '—'}
                {t.stars !== null ? `，${starLabel(t.stars)}` : ''}
                {t.vetoed ? '（一票否决）' : ''}
                {t.followUp ? `，${followUpBandLabels[t.followUp]}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Each indicator's and veto's 评分标准, by id. */
function guidanceOf(definition: IndicatorSystemDefinition | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!definition) return out;
  for (const d of definition.dimensions)
    for (const i of d.indicators) if (i.guidance) out.set(i.id, i.guidance);
  for (const v of definition.vetoes) if (v.guidance) out.set(v.id, v.guidance);
  return out;
}

/** Every record the scorecard's figures read, offered as links in judgements. */
function knownRecords(detail: OrgAssessmentDetail): RecordRef[] {
  const out: RecordRef[] = [];
  const s = detail.score;
  if (!s) return out;
  for (const p of [...s.dimensions.flatMap((d) => d.indicators), ...s.vetoes].map((i) => i.provenance))
    if (p.kind === 'metric' || p.kind === 'override') out.push(...p.computed.records);
  for (const j of detail.judgements) out.push(...j.links);
  return uniqueRecords(out);
}

/** The scorecard with the judging form of the level whose turn it is, the steps and the history. */
function Scorecard({
  roundId,
  detail,
  onConflict,
}: {
  roundId: number;
  detail: OrgAssessmentDetail;
  onConflict: () => void;
}) {
  const judge: ReviewLevel | null = detail.abilities.judge;
  const [form] = Form.useForm<ScorecardFormValues>();
  const save = useSaveOrgAssessment(roundId, detail.orgId);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [stepping, setStepping] = useState<AssessmentTransition | null>(null);
  const items = useMemo(() => (detail.score ? scoreItems(detail.score) : []), [detail.score]);
  const itemMap = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const known = useMemo(() => knownRecords(detail), [detail]);
  const system = useIndicatorSystem(detail.system.id);
  const guidance = useMemo(() => guidanceOf(system.data?.definition), [system.data]);
  const isNarrow = useIsNarrow();
  const committeeIds = useCommitteeIds();
  const [initial] = useState(() => (judge ? initialFormValues(detail, judge) : {}));
  const judgeable = judge ? items.filter((i) => isJudgeable(i, judge)) : [];
  const ctx: EntryContext = {
    judge,
    adjust: detail.abilities.adjust,
    orgId: detail.orgId,
    period: { from: detail.round.periodStart, to: detail.round.periodEnd },
    known,
    guidance,
  };
  const allowed = assessmentTransitions.filter((t) => detail.abilities[t]);
  const canSave = judge !== null && (judgeable.length > 0 || detail.abilities.adjust);

  /** Saves the level's entries; true when saved (or nothing to save). */
  const saveEntries = async (): Promise<boolean> => {
    if (!judge) return true;
    try {
      await form.validateFields();
    } catch {
      return false;
    }
    const { body, origin } = toOrgAssessmentBody(
      form.getFieldsValue(true) as ScorecardFormValues,
      items,
      judge,
      detail.version,
    );
    try {
      const next = await save.mutateAsync(body);
      form.resetFields();
      form.setFieldsValue(initialFormValues(next, judge));
      message.success('已保存评分');
      return true;
    } catch (error) {
      const fields = isApiError(error) ? (error.details?.fields ?? []) : [];
      if (isApiError(error) && error.code !== 'CONFLICT' && fields.length > 0) {
        applyFieldErrors(form, mapBodyErrors(fields, origin));
        message.error(error.message);
      } else handleError(error, { onConflict });
      return false;
    }
  };

  /** True when the form differs from what the level saved (compared as the request bodies). */
  const isDirty = () => {
    if (!judge) return false;
    const body = (v: ScorecardFormValues) => JSON.stringify(toOrgAssessmentBody(v, items, judge, 0).body);
    return body(form.getFieldsValue(true) as ScorecardFormValues) !== body(initialFormValues(detail, judge));
  };

  const startStep = async (t: AssessmentTransition) => {
    // What was typed is saved first, so the step acts on it.
    if (canSave && isDirty() && !(await saveEntries())) return;
    setStepping(t);
  };

  const steps = procedure.filter(
    (st) => st !== 'general_branch_review' || passesGeneralBranch(detail, committeeIds),
  );
  const current = steps.indexOf(detail.status);
  const pendingTitles = (detail.score?.pending ?? []).map((id) => {
    const item = itemMap.get(id);
    return item ? `${item.id} ${item.title}` : id;
  });

  return (
    <Flex vertical gap={16}>
      <Card className="dj-scorecard-summary">
        <Flex vertical gap={12}>
          <Flex justify="space-between" wrap gap={8} align="center">
            <Space wrap>
              <span data-testid="assessment-status">
                <AssessmentStatusTag status={detail.status} />
              </span>
              {judge ? <Tag color="blue">轮到{reviewLevelLabels[judge]}</Tag> : null}
            </Space>
            <Space wrap className="dj-no-print">
              {allowed.map((t) => (
                <Button
                  key={t}
                  type={forward.includes(t) ? 'primary' : 'default'}
                  danger={returning.includes(t)}
                  onClick={() => void startStep(t)}
                >
                  {assessmentTransitionLabels[t]}
                </Button>
              ))}
            </Space>
          </Flex>
          {detail.status !== 'not_rated' && !isNarrow ? (
            <Steps
              size="small"
              className="dj-no-print"
              current={current}
              status={detail.status === 'final' ? 'finish' : 'process'}
              items={steps.map((s) => ({ title: assessmentStatusLabels[s] }))}
            />
          ) : null}
          <ResultSummary detail={detail} />
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={roundFacts(detail)} />
          {pendingTitles.length > 0 && detail.status !== 'not_rated' ? (
            <Alert
              type="warning"
              showIcon
              title={`还有 ${pendingTitles.length} 项待评分`}
              description={pendingTitles.join('；')}
            />
          ) : null}
        </Flex>
      </Card>

      {detail.score ? (
        <Form<ScorecardFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          className="dj-scorecard-form"
        >
          <Flex vertical gap={12}>
            {judge === 'self' ? (
              <Alert
                className="dj-no-print"
                type="info"
                showIcon
                title="自评只需填写评审项"
                description="按记录自动计算的指标由平台从组织生活、监测预警、发展党员、整改等记录取数，无需填报；可点“查看来源记录”核对。"
              />
            ) : null}
            {detail.score.dimensions.map((d) => (
              <DimensionSection
                key={d.id}
                dimension={d}
                items={itemMap}
                detail={detail}
                ctx={ctx}
                mode={detail.score!.mode}
              />
            ))}
            <VetoSection vetoes={detail.score.vetoes} items={itemMap} detail={detail} ctx={ctx} />
            {canSave ? (
              <Flex gap={8} wrap align="center" className="dj-save-bar dj-no-print">
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  onClick={() => void saveEntries()}
                >
                  保存{reviewLevelLabels[judge!]}
                </Button>
                <Typography.Text type="secondary">
                  保存后可继续修改，提交或审核通过时以保存的内容为准
                </Typography.Text>
              </Flex>
            ) : null}
          </Flex>
        </Form>
      ) : null}

      <FollowUpCard detail={detail} />
      <Card size="small" title="考核经过" className="dj-history">
        <StepHistory history={detail.history} />
      </Card>
      <TransitionDialog
        roundId={roundId}
        detail={detail}
        transition={stepping}
        noticeWorkingDays={detail.round.noticeWorkingDays}
        onClose={() => setStepping(null)}
        onConflict={onConflict}
      />
    </Flex>
  );
}

/**
 * An org's scorecard in a round (/assessments/:id/orgs/:orgId): every dimension and indicator with its points and
 * where they came from (the records a computed figure read, each level's judgement with its comment and links, an
 * override beside the computed value), the judging form of the level whose turn it is, the procedure's buttons
 * from the server's abilities, the history; printable on A4 and downloadable as Word.
 */
export function AssessmentScorecardPage() {
  const params = useParams();
  const id = Number(params.id);
  const orgId = Number(params.orgId);
  const valid = Number.isInteger(id) && id > 0 && Number.isInteger(orgId) && orgId > 0;
  const query = useOrgAssessment(valid ? id : null, valid ? orgId : null);
  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result
        status="404"
        title="评分表不存在"
        extra={<Link to={assessmentPaths.rounds}>返回考核评价</Link>}
      />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  if (!d) return <Skeleton active />;
  const title = d.round.title;
  return (
    <PageContainer
      title={`${d.orgName} 考核评分表`}
      breadcrumb={[
        { title: '考核评价', to: assessmentPaths.rounds },
        { title, to: assessmentPaths.round(id) },
        { title: d.orgName },
      ]}
      extra={
        <>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="dj-no-print">
            打印
          </Button>
          <Button icon={<DownloadOutlined />} href={scorecardDocxUrl(id, orgId)} className="dj-no-print">
            下载 Word
          </Button>
        </>
      }
    >
      <div className="dj-scorecard">
        <Scorecard
          key={`${d.orgId}:${d.abilities.judge ?? 'none'}`}
          roundId={id}
          detail={d}
          onConflict={() => void query.refetch()}
        />
      </div>
    </PageContainer>
  );
}
