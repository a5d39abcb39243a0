import { DownloadOutlined } from '@ant-design/icons';
import {
  type AppraisalGrade,
  type AppraisalTransition,
  appraisalGradeLabels,
  appraisalGrades,
  appraisalStatuses,
  appraisalStatusLabels,
  appraisalTransitionLabels,
  type CorrectionPlan,
  correctionPlanStatusLabels,
  correctionProposalLabels,
  correctionProposals,
  latestCorrectionDeadline,
  type MemberAppraisalDetail,
  memberAppraisalLimits,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
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
  Table,
  type TableColumnsType,
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
import { formatDate, todayIso, toIsoDate } from '../../lib/format';
import { useActivityList } from '../activities/api';
import { formatShanghai } from '../activities/columns';
import {
  registerUrl,
  summaryUrl,
  useAppraisalDetail,
  useAppraisalTransition,
  usePlanNote,
  usePlanOutcome,
} from './api';
import { AppraisalStatusTag, GradeTag } from './columns';

type Member = MemberAppraisalDetail['roll'][number];

/** 优秀 4 · 合格 2 … of one member's 民主测评. */
function VotesView({ m }: { m: Member }) {
  if (!m.votes) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text style={{ fontSize: 13 }}>
      {appraisalGrades.map((g) => `${appraisalGradeLabels[g]}${m.votes!.counts[g] ?? 0}`).join(' · ')}
      {m.votes.abstain > 0 ? ` · 弃权${m.votes.abstain}` : ''}
    </Typography.Text>
  );
}

const rollColumns: TableColumnsType<Member> = [
  {
    title: '姓名',
    key: 'name',
    render: (_, m) => (
      <Space size={4}>
        {m.name}
        {m.probationary ? <Tag>预备党员</Tag> : null}
      </Space>
    ),
    width: 150,
  },
  {
    title: '个人自评',
    key: 'self',
    render: (_, m) =>
      m.selfAssessedAt ? (
        m.selfAssessment ? (
          <Typography.Paragraph
            ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
            style={{ margin: 0 }}
          >
            {m.selfAssessment}
          </Typography.Paragraph>
        ) : (
          <Tag color="green">已填写</Tag>
        )
      ) : (
        <Tag>未填写</Tag>
      ),
  },
  { title: '民主测评', key: 'votes', render: (_, m) => <VotesView m={m} />, width: 230 },
  {
    title: '支委会意见',
    key: 'proposed',
    render: (_, m) => (m.probationary ? '不评定等次' : <GradeTag grade={m.proposedGrade} />),
    width: 110,
  },
  {
    title: '党员大会决定',
    key: 'decided',
    render: (_, m) =>
      m.probationary ? (
        '不评定等次'
      ) : (
        <Space size={4} direction="vertical">
          <GradeTag grade={m.decidedGrade} />
          {m.decidedReason ? <Typography.Text type="secondary">{m.decidedReason}</Typography.Text> : null}
        </Space>
      ),
    width: 160,
  },
];

/** The grade each full member most votes gave (ties to the better grade): the starting point of the proposal. */
function leadingGrade(m: Member): AppraisalGrade {
  if (!m.votes) return 'qualified';
  return appraisalGrades.reduce((best, g) =>
    (m.votes!.counts[g] ?? 0) > (m.votes!.counts[best] ?? 0) ? g : best,
  );
}

interface GradeValues {
  grades: Record<string, { grade: AppraisalGrade; reason?: string }>;
  meetingActivityId?: number;
  plans?: Record<string, { deadline?: Dayjs | null; measures?: string; contactPersonId?: number }>;
}

/** The 支委会's proposal or the 党员大会's decision: one grade per full member, 不合格 with reason (and plan). */
function GradesDrawer({
  a,
  transition,
  onClose,
  onConflict,
}: {
  a: MemberAppraisalDetail;
  transition: 'propose' | 'decide';
  onClose: () => void;
  onConflict: () => void;
}) {
  const step = useAppraisalTransition(a.id);
  const full = a.roll.filter((m) => !m.probationary);
  const deciding = transition === 'decide';
  const [values, setValues] = useState<GradeValues | null>(null);
  const meetings = useActivityList({
    orgId: a.org.id,
    page: 1,
    pageSize: 50,
  });
  const meetingOptions = (meetings.data?.items ?? [])
    .filter(
      (r) => (r.kind === 'general_meeting' || r.kind === 'member_appraisal') && r.status !== 'cancelled',
    )
    .filter(
      (r) => (r.status === 'held' || r.status === 'closed') && formatShanghai(r.startsAt) >= a.startedOn,
    )
    .map((r) => ({ value: r.id, label: `${r.title}（${formatShanghai(r.startsAt)}）` }));
  const initial: GradeValues = {
    grades: Object.fromEntries(
      full.map((m) => [
        String(m.personId),
        deciding && m.proposedGrade
          ? { grade: m.proposedGrade, reason: m.proposedReason ?? '' }
          : { grade: leadingGrade(m), reason: '' },
      ]),
    ),
  };
  const current = values ?? initial;
  const excellent = full.filter((m) => current.grades[String(m.personId)]?.grade === 'excellent').length;
  const unqualified = full.filter((m) => current.grades[String(m.personId)]?.grade === 'unqualified');
  const latest = latestCorrectionDeadline(todayIso());
  return (
    <FormDrawer<GradeValues>
      title={appraisalTransitionLabels[transition]}
      open
      width={720}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={initial}
      onValuesChange={(_, all) => setValues(all)}
      okText={deciding ? '决定' : '提出'}
      successMessage={deciding ? '党员大会已决定评定等次，民主评议完成' : '支委会已提出评定等次'}
      onSubmit={(v) =>
        step.mutateAsync({
          transition,
          version: a.version,
          grades: full.map((m) => {
            const g = v.grades[String(m.personId)]!;
            return {
              personId: m.personId,
              grade: g.grade,
              ...(g.grade === 'unqualified' && g.reason?.trim() ? { reason: g.reason.trim() } : {}),
            };
          }),
          ...(deciding && v.meetingActivityId ? { meetingActivityId: v.meetingActivityId } : {}),
          ...(deciding
            ? {
                plans: unqualified.map((m) => {
                  const p = v.plans?.[String(m.personId)] ?? {};
                  return {
                    personId: m.personId,
                    deadline: p.deadline ? (toIsoDate(p.deadline) ?? '') : '',
                    measures: p.measures?.trim() ?? '',
                    contactPersonId: p.contactPersonId ?? 0,
                  };
                }),
              }
            : {}),
        })
      }
    >
      <Alert
        type={excellent > a.excellentMax ? 'error' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={`参评正式党员 ${full.length} 人，优秀至多 ${a.excellentMax} 人（三分之一），现为 ${excellent} 人；预备党员不评定等次`}
      />
      {full.map((m) => {
        const key = String(m.personId);
        const isUnqualified = current.grades[key]?.grade === 'unqualified';
        return (
          <Card key={key} size="small" style={{ marginBottom: 8 }}>
            <Flex vertical gap={4}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>{m.name}</Typography.Text>
                <VotesView m={m} />
              </Flex>
              <Form.Item
                name={['grades', key, 'grade']}
                style={{ marginBottom: 4 }}
                label={`${m.name}的等次`}
              >
                <Radio.Group
                  optionType="button"
                  options={appraisalGrades.map((g) => ({ value: g, label: appraisalGradeLabels[g] }))}
                />
              </Form.Item>
              {isUnqualified ? (
                <Form.Item
                  name={['grades', key, 'reason']}
                  label="不合格理由"
                  rules={[{ required: true, whitespace: true, message: '评为不合格须写明理由' }]}
                  style={{ marginBottom: 4 }}
                >
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={memberAppraisalLimits.reason.max} />
                </Form.Item>
              ) : null}
              {deciding && isUnqualified ? (
                <Card size="small" title="限期改正计划" type="inner">
                  <Form.Item
                    name={['plans', key, 'deadline']}
                    label={`改正期限（不超过一年，至迟 ${latest}）`}
                    rules={[{ required: true, message: '请选择改正期限' }]}
                  >
                    <DatePicker
                      disabledDate={(d) => {
                        const day = toIsoDate(d) ?? '';
                        return day <= todayIso() || day > latest;
                      }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={['plans', key, 'measures']}
                    label="改正措施"
                    rules={[{ required: true, whitespace: true, message: '请填写改正措施' }]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 2 }}
                      maxLength={memberAppraisalLimits.measures.max}
                    />
                  </Form.Item>
                  <Form.Item
                    name={['plans', key, 'contactPersonId']}
                    label="帮教联系人"
                    rules={[{ required: true, message: '请选择帮教联系人' }]}
                  >
                    <Select
                      options={full
                        .filter((c) => c.personId !== m.personId)
                        .map((c) => ({ value: c.personId, label: c.name }))}
                    />
                  </Form.Item>
                </Card>
              ) : null}
            </Flex>
          </Card>
        );
      })}
      {deciding ? (
        <Form.Item
          name="meetingActivityId"
          label="党员大会记录"
          rules={[{ required: true, message: '请选择决定评定等次的党员大会记录' }]}
          extra="本支部已召开的党员大会或民主评议党员记录"
        >
          <Select
            options={meetingOptions}
            loading={meetings.isPending}
            notFoundContent="请先登记党员大会记录"
          />
        </Form.Item>
      ) : null}
    </FormDrawer>
  );
}

/** The simple steps: 开始互评, 开始民主测评 (with its closing day), 结束民主测评, 退回支委会 (with a reason). */
function StepModal({
  a,
  transition,
  onClose,
  onConflict,
}: {
  a: MemberAppraisalDetail;
  transition: AppraisalTransition;
  onClose: () => void;
  onConflict: () => void;
}) {
  const step = useAppraisalTransition(a.id);
  return (
    <FormModal<{ votingClosesOn?: Dayjs | null; reason?: string }>
      title={appraisalTransitionLabels[transition]}
      open
      onClose={onClose}
      onConflict={onConflict}
      okText={appraisalTransitionLabels[transition]}
      successMessage={`已${appraisalTransitionLabels[transition]}`}
      onSubmit={(v) =>
        step.mutateAsync({
          transition,
          version: a.version,
          ...(v.votingClosesOn ? { votingClosesOn: toIsoDate(v.votingClosesOn) ?? undefined } : {}),
          ...(v.reason ? { reason: v.reason.trim() } : {}),
        })
      }
    >
      {transition === 'open_peer_review' ? (
        <Typography.Paragraph>党员在手机上对其他参评党员填写简短意见，只有支委会可见。</Typography.Paragraph>
      ) : null}
      {transition === 'open_voting' ? (
        <>
          <Typography.Paragraph>
            生成民主测评票：测评对象为 {a.graded} 名正式党员，全体 {a.rollSize}{' '}
            名参评党员（含预备党员）投票；因故不能到会的，可书面投票，由支部登记纸质票并由两人分别录入。
            {a.rollSize - a.selfAssessed > 0
              ? `尚有 ${a.rollSize - a.selfAssessed} 人未填写个人自评，开始后不能再填写。`
              : ''}
          </Typography.Paragraph>
          <Form.Item name="votingClosesOn" label="投票截止日期" extra="不填为 7 天后；也可提前结束">
            <DatePicker disabledDate={(d) => (toIsoDate(d) ?? '') < todayIso()} />
          </Form.Item>
        </>
      ) : null}
      {transition === 'close_voting' ? (
        <Typography.Paragraph>
          结束投票并计票；纸质票须经两名计票人录入一致。结束后支委会根据测评结果提出评定等次。
        </Typography.Paragraph>
      ) : null}
      {transition === 'return_proposal' ? (
        <Form.Item
          name="reason"
          label="理由"
          rules={[{ required: true, whitespace: true, message: '请说明退回理由' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={memberAppraisalLimits.reason.max} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** 限期改正: measures, contact, deadline, notes and the outcome. */
function PlanCard({ plan, canManage }: { plan: CorrectionPlan; canManage: boolean }) {
  const [noting, setNoting] = useState(false);
  const [closing, setClosing] = useState(false);
  const note = usePlanNote();
  const outcome = usePlanOutcome();
  const [unchanged, setUnchanged] = useState(false);
  return (
    <Card
      size="small"
      title={`${plan.personName}：限期改正`}
      extra={
        <Space>
          {plan.overdue ? <Tag color="red">期满未作结论</Tag> : null}
          <Tag color={plan.status === 'open' ? 'gold' : plan.status === 'corrected' ? 'green' : 'volcano'}>
            {correctionPlanStatusLabels[plan.status]}
          </Tag>
        </Space>
      }
      style={{ marginBottom: 8 }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'reason', label: '不合格理由', children: plan.reason },
          { key: 'deadline', label: '改正期限', children: formatDate(plan.deadline) },
          { key: 'measures', label: '改正措施', children: plan.measures },
          { key: 'contact', label: '帮教联系人', children: plan.contactName },
          ...(plan.closedOn
            ? [
                {
                  key: 'outcome',
                  label: '结论',
                  children: `${formatDate(plan.closedOn)} ${correctionPlanStatusLabels[plan.status]}${plan.proposal ? `，提出${correctionProposalLabels[plan.proposal]}的意见` : ''}：${plan.outcomeNote ?? ''}`,
                },
              ]
            : []),
        ]}
      />
      {plan.notes.length > 0 ? (
        <Timeline
          style={{ marginTop: 12 }}
          items={plan.notes.map((n) => ({
            children: `${formatDate(n.onDate)} ${n.actorName ?? ''}：${n.note}`,
          }))}
        />
      ) : null}
      {canManage && plan.status === 'open' ? (
        <Space>
          <Button onClick={() => setNoting(true)}>记录改正情况</Button>
          <Button onClick={() => setClosing(true)}>作出结论</Button>
        </Space>
      ) : null}
      {noting ? (
        <FormModal<{ note: string }>
          title="记录改正情况"
          open
          onClose={() => setNoting(false)}
          successMessage="已记录"
          onSubmit={(v) => note.mutateAsync({ planId: plan.id, note: v.note.trim() })}
        >
          <Form.Item
            name="note"
            label="改正情况"
            rules={[{ required: true, whitespace: true, message: '请填写改正情况' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={memberAppraisalLimits.note.max} />
          </Form.Item>
        </FormModal>
      ) : null}
      {closing ? (
        <FormModal<{ outcome: 'corrected' | 'unchanged'; note: string; proposal?: string }>
          title="限期改正作出结论"
          open
          onClose={() => setClosing(false)}
          initialValues={{ outcome: 'corrected' }}
          onValuesChange={(_, all) => setUnchanged(all.outcome === 'unchanged')}
          successMessage="已作出结论"
          onSubmit={(v) =>
            outcome.mutateAsync({
              planId: plan.id,
              outcome: v.outcome,
              note: v.note.trim(),
              proposal: v.outcome === 'unchanged' ? (v.proposal ?? null) : null,
            })
          }
        >
          <Form.Item name="outcome" label="结论">
            <Radio.Group
              options={[
                { value: 'corrected', label: '已改正' },
                { value: 'unchanged', label: '仍无转变' },
              ]}
            />
          </Form.Item>
          {unchanged ? (
            <Form.Item
              name="proposal"
              label="处置建议（党员教育管理工作条例第三十一条）"
              rules={[{ required: true, message: '请选择处置建议' }]}
            >
              <Radio.Group
                options={correctionProposals.map((p) => ({ value: p, label: correctionProposalLabels[p] }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="note"
            label="改正情况"
            rules={[{ required: true, whitespace: true, message: '请写明改正情况' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={memberAppraisalLimits.note.max} />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}

const stepOrder: readonly AppraisalTransition[] = [
  'open_peer_review',
  'open_voting',
  'close_voting',
  'propose',
  'decide',
  'return_proposal',
];

/** One appraisal: the procedure, the roll with 自评, tally and grades, 互评, 限期改正 plans and the timeline. */
export function MemberAppraisalDetailPage() {
  const id = Number(useParams().id);
  const detail = useAppraisalDetail(id);
  const [step, setStep] = useState<AppraisalTransition | null>(null);
  if (detail.isPending) return <Skeleton active />;
  if (detail.isError)
    return isApiError(detail.error, 'NOT_FOUND') ? (
      <Result status="404" title="该民主评议不存在" extra={<Link to="/member-appraisals">返回列表</Link>} />
    ) : (
      <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
    );
  const a = detail.data;
  const reload = () => void detail.refetch();
  const shown = appraisalStatuses.filter((s) => s !== 'peer_review' || a.peerReview);
  return (
    <PageContainer
      title={`${a.year}年度民主评议党员：${a.org.name}`}
      breadcrumb={[{ title: '民主评议党员', to: '/member-appraisals' }]}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={registerUrl(a.id)}>
            登记表
          </Button>
          <Button icon={<DownloadOutlined />} href={summaryUrl(a.id)}>
            汇总表
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap align="center">
            <AppraisalStatusTag status={a.status} />
            <Typography.Text>
              参评 {a.rollSize} 人（正式党员 {a.graded} 人，优秀至多 {a.excellentMax} 人），已自评{' '}
              {a.selfAssessed} 人
            </Typography.Text>
            {a.meetingActivity ? (
              <Link to={`/activities/${a.meetingActivity.id}`} style={{ textDecoration: 'underline' }}>
                {a.meetingActivity.title}（{formatDate(a.meetingActivity.onDate)}）
              </Link>
            ) : null}
          </Flex>
          <Steps
            size="small"
            current={shown.indexOf(a.status)}
            items={shown.map((s) => ({ title: appraisalStatusLabels[s].replace(/中$|^待/, '') }))}
          />
          {a.ballot ? (
            <Typography.Text>
              民主测评：应投 {a.ballot.eligible} 人，已投 {a.ballot.cast} 人（纸质 {a.ballot.castOnPaper} 人）
              {a.ballot.closed ? '，已结束' : ''}。{' '}
              <Link to={`/ballots/${a.ballot.id}`} style={{ textDecoration: 'underline' }}>
                测评票：进度、纸质票录入
              </Link>
            </Typography.Text>
          ) : null}
          <Space wrap>
            {stepOrder
              .filter((t) => a.abilities[t])
              .map((t, i) => (
                <Button
                  key={t}
                  type={i === 0 && t !== 'return_proposal' ? 'primary' : 'default'}
                  onClick={() => setStep(t)}
                >
                  {appraisalTransitionLabels[t]}
                </Button>
              ))}
          </Space>
        </Flex>
      </Card>

      <Card title="参评名单" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table<Member>
          rowKey="personId"
          columns={rollColumns}
          dataSource={a.roll}
          pagination={false}
          size="small"
          scroll={{ x: 900 }}
        />
      </Card>

      {a.peerReview ? (
        <Card title="党员互评（仅支委会可见）" style={{ marginBottom: 16 }}>
          {a.peerComments.length === 0 ? (
            <Empty description={a.abilities.managePlans ? '还没有互评意见' : '互评意见只有支委会可见'} />
          ) : (
            <Timeline
              items={a.peerComments.map((c) => ({
                children: `${c.authorName} 评 ${c.aboutName}：${c.comment}`,
              }))}
            />
          )}
        </Card>
      ) : null}

      {a.plans.length > 0 ? (
        <Card title="限期改正" style={{ marginBottom: 16 }}>
          {a.plans.map((p) => (
            <PlanCard key={p.id} plan={p} canManage={a.abilities.managePlans} />
          ))}
        </Card>
      ) : null}

      <Card title="经过">
        <Timeline
          items={a.events.map((e) => ({
            children: `${formatShanghai(e.at)} ${e.actorName ?? ''} ${
              e.kind in appraisalTransitionLabels
                ? appraisalTransitionLabels[e.kind as AppraisalTransition]
                : e.kind === 'created'
                  ? '启动'
                  : '提交个人自评'
            }${e.note ? `：${e.note}` : ''}`,
          }))}
        />
      </Card>

      {step === 'propose' || step === 'decide' ? (
        <GradesDrawer a={a} transition={step} onClose={() => setStep(null)} onConflict={reload} />
      ) : step ? (
        <StepModal a={a} transition={step} onClose={() => setStep(null)} onConflict={reload} />
      ) : null}
    </PageContainer>
  );
}
