import {
  type ActivistRecommendation,
  activistRecommendationLabels,
  activistRecommendations,
  type ConfirmationDecision,
  confirmationDecisionLabels,
  confirmationDecisions,
  recruitmentFieldLabels as L,
  publicNoticeEnd,
  type RecruitmentDetail,
  type RecruitmentRuleId,
  type RecruitmentStep,
  type RecruitmentStepBody,
  type RecruitmentViolationOut,
  recruitmentDocumentKindLabels,
  recruitmentLimits,
  recruitmentRuleCatalogue,
  recruitmentStepInfo,
  type SuperiorTalkerRole,
  superiorTalkerRoleLabels,
  superiorTalkerRoles,
  workingDaysBetween,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { PersonPicker } from '../../components/person-picker';
import { useErrorHandler } from '../../lib/errors';
import { toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { useActivityDetail, useActivityList } from '../activities/api';
import { useOrgList } from '../orgs/api';
import { stepViolations, usePublicNoticeDays, useRecordStep } from './api';
import { stepTitle } from './labels';

/** What the form records: one of the 25 steps, or a withdrawal of the application. */
export type StepKind = RecruitmentStep | 'withdrawal';

interface VoteValues {
  entitled?: number | null;
  presentEntitled?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  abstentions?: number | null;
  writtenFor?: number | null;
  writtenAgainst?: number | null;
}

/** Values of the step form; names are the API's so that server field errors land on them. */
interface StepValues {
  date: Dayjs | null;
  note?: string;
  documentIds?: number[];
  recommendation?: ActivistRecommendation;
  publicNotice?: { startOn?: Dayjs | null; endOn?: Dayjs | null };
  mentorIds?: (number | null | undefined)[];
  sponsorIds?: (number | null | undefined)[];
  passed?: boolean;
  days?: number | null;
  hours?: number | null;
  activityId?: number | null;
  votes?: VoteValues;
  talkerRole?: SuperiorTalkerRole;
  approved?: boolean;
  specialReason?: string;
  groupId?: number | null;
  decision?: ConfirmationDecision;
  extensionMonths?: number | null;
  reason?: string;
  overrideReason?: string;
}

/** A rule id named by the server's 422 answer that the catalogue knows (only those may be waived). */
const isRecruitmentRuleId = (id: string): id is RecruitmentRuleId => id in recruitmentRuleCatalogue;

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const ids = (list: (number | null | undefined)[] | undefined) =>
  (list ?? []).filter((v): v is number => typeof v === 'number');

function noticeOf(v: StepValues) {
  const startOn = toIsoDate(v.publicNotice?.startOn);
  const endOn = toIsoDate(v.publicNotice?.endOn);
  return startOn && endOn ? { startOn, endOn } : null;
}

function votesOf(v: StepValues) {
  const n = (x: number | null | undefined) => x ?? 0;
  const votes = v.votes ?? {};
  return {
    entitled: n(votes.entitled),
    presentEntitled: n(votes.presentEntitled),
    votesFor: n(votes.votesFor),
    votesAgainst: n(votes.votesAgainst),
    abstentions: n(votes.abstentions),
    writtenFor: n(votes.writtenFor),
    writtenAgainst: n(votes.writtenAgainst),
  };
}

/** The request body of `step` from the form values (the discriminated union of the contract). */
export function toStepBody(
  step: StepKind,
  v: StepValues,
  version: number,
  override: { ruleIds: RecruitmentRuleId[]; reason: string } | null,
): RecruitmentStepBody {
  const base = {
    date: toIsoDate(v.date) ?? '',
    note: blankToNull(v.note),
    override,
    documentIds: v.documentIds ?? [],
    version,
  };
  switch (step) {
    case 'activist_designation':
      return { step, ...base, recommendation: v.recommendation ?? 'member', publicNotice: noticeOf(v) };
    case 'mentor_assignment':
      return { step, ...base, mentorIds: ids(v.mentorIds) };
    case 'candidate_designation':
      return { step, ...base, publicNotice: noticeOf(v) };
    case 'sponsor_assignment':
      return { step, ...base, sponsorIds: ids(v.sponsorIds) };
    case 'political_review':
    case 'pre_examination':
      return { step, ...base, passed: v.passed ?? false };
    case 'training':
      return { step, ...base, days: v.days ?? 0, hours: v.hours ?? 0 };
    case 'admission_meeting':
      return {
        step,
        ...base,
        activityId: v.activityId ?? null,
        votes: votesOf(v),
        publicNotice: noticeOf(v),
      };
    case 'superior_talk':
      return { step, ...base, talkerRole: v.talkerRole ?? 'organiser' };
    case 'admission_approval':
      return { step, ...base, approved: v.approved ?? false, specialReason: blankToNull(v.specialReason) };
    case 'group_placement':
      return { step, ...base, groupId: v.groupId ?? null };
    case 'confirmation_meeting': {
      const decision = v.decision ?? 'confirm';
      return {
        step,
        ...base,
        activityId: v.activityId ?? null,
        decision,
        extensionMonths: decision === 'extend' ? (v.extensionMonths ?? null) : null,
        votes: votesOf(v),
        publicNotice: noticeOf(v),
      };
    }
    case 'withdrawal':
      return { step, ...base, reason: v.reason?.trim() ?? '' };
    case 'application':
      // Step 1 is recorded when the dossier is created; the server refuses it here.
      throw new Error('递交入党申请书在新增入党申请时登记');
    default:
      return { step, ...base };
  }
}

/** 公示 first and last day, the end defaulted from the school's working days, with the live count. */
function PublicNoticeFields({ workingDays }: { workingDays: number }) {
  const startOn = Form.useWatch<Dayjs | null | undefined>(['publicNotice', 'startOn']);
  const endOn = Form.useWatch<Dayjs | null | undefined>(['publicNotice', 'endOn']);
  const counted =
    startOn && endOn ? workingDaysBetween(toIsoDate(startOn) ?? '', toIsoDate(endOn) ?? '') : null;
  return (
    <Form.Item
      label="公示"
      extra={`公示不少于 ${workingDays} 个工作日；遇法定节假日请手工顺延结束日`}
      style={{ marginBottom: 8 }}
    >
      <Flex gap={12} wrap align="start">
        <Form.Item name={['publicNotice', 'startOn']} label="公示开始日" style={{ flex: '1 1 160px' }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['publicNotice', 'endOn']}
          label="公示结束日"
          dependencies={[['publicNotice', 'startOn']]}
          style={{ flex: '1 1 160px' }}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null | undefined) => {
                const start: Dayjs | null | undefined = getFieldValue(['publicNotice', 'startOn']);
                if (start && !value) throw new Error('请选择公示结束日');
                if (!start && value) throw new Error('请选择公示开始日');
                if (start && value?.isBefore(start, 'day')) throw new Error('公示结束日不能早于开始日');
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      {counted !== null ? (
        <Typography.Text type={counted < workingDays ? 'danger' : 'secondary'}>
          共 {counted} 个工作日（周一至周五）
        </Typography.Text>
      ) : null}
    </Form.Item>
  );
}

const voteFields = [
  'entitled',
  'presentEntitled',
  'votesFor',
  'votesAgainst',
  'abstentions',
  'writtenFor',
  'writtenAgainst',
] as const;

/** The vote of a 支部大会, optionally linked to its closed record (which pre-fills the counts and the date). */
function VoteFields({ orgId, notBefore }: { orgId: number; notBefore: string | null }) {
  const form = Form.useFormInstance<StepValues>();
  const activityId = Form.useWatch<number | null | undefined>('activityId');
  const meetings = useActivityList({
    orgId,
    kind: 'general_meeting',
    status: 'closed',
    page: 1,
    pageSize: 100,
  });
  const meeting = useActivityDetail(activityId ?? null);
  const m = meeting.data;
  useEffect(() => {
    if (!m || m.id !== activityId) return;
    form.setFieldValue('date', dayjs(m.onDate));
    if (m.votes) {
      form.setFieldValue(['votes', 'entitled'], m.votes.entitled);
      form.setFieldValue(['votes', 'presentEntitled'], m.votes.presentEntitled);
    }
  }, [m, activityId, form]);
  return (
    <>
      <Form.Item
        name="activityId"
        label={L.activityId}
        extra="选择已归档的支部党员大会记录：日期和应到、实到有表决权党员数从记录带出"
      >
        <Select
          allowClear
          loading={meetings.isLoading}
          placeholder={meetings.isError ? '无法读取活动记录，可直接填写票数' : '不关联'}
          // The step's date is the meeting's, which cannot precede the previous step.
          options={(meetings.data?.items ?? [])
            .filter((a) => notBefore === null || a.onDate >= notBefore)
            .map((a) => ({ value: a.id, label: `${a.onDate} ${a.title}` }))}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        {voteFields.map((name) => (
          <Form.Item
            key={name}
            name={['votes', name]}
            label={L[name]}
            rules={
              name === 'writtenFor' || name === 'writtenAgainst'
                ? []
                : [{ required: true, message: `请填写${L[name]}` }]
            }
            style={{ flex: '1 1 150px' }}
          >
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
      </Flex>
    </>
  );
}

/** Two person pickers for 培养联系人 (1–2) or 入党介绍人 (exactly 2): 正式党员 on the step's date. */
function PeopleFields({
  name,
  label,
  required,
}: {
  name: 'mentorIds' | 'sponsorIds';
  label: string;
  required: 1 | 2;
}) {
  return (
    <Flex gap={12} wrap>
      {[0, 1].map((i) => (
        <Form.Item
          key={i}
          name={[name, i]}
          label={i === 0 ? label : `第二${label}`}
          rules={i < required ? [{ required: true, message: `请选择${label}` }] : []}
          extra={i === 0 ? '须为正式党员' : undefined}
          style={{ flex: '1 1 200px' }}
        >
          <PersonPicker style={{ width: '100%' }} />
        </Form.Item>
      ))}
    </Flex>
  );
}

/** The fields a step needs beyond date, note and documents. */
function StepFields({
  step,
  detail,
  workingDays,
}: {
  step: StepKind;
  detail: RecruitmentDetail;
  workingDays: number;
}) {
  const decision = Form.useWatch<ConfirmationDecision | undefined>('decision');
  const orgs = useOrgList(false);
  const groups = useMemo(
    () => (orgs.data ?? []).filter((o) => o.type === 'group' && o.parentId === detail.org.id && !o.archived),
    [orgs.data, detail.org.id],
  );
  const hasNotice = step !== 'withdrawal' && recruitmentStepInfo[step].publicNotice;
  return (
    <>
      {step === 'activist_designation' ? (
        <Form.Item
          name="recommendation"
          label={L.recommendation}
          rules={[{ required: true, message: '请选择推荐方式' }]}
        >
          <Radio.Group
            options={activistRecommendations.map((r) => ({
              value: r,
              label: activistRecommendationLabels[r],
            }))}
          />
        </Form.Item>
      ) : null}
      {step === 'mentor_assignment' ? (
        <PeopleFields name="mentorIds" label="培养联系人" required={1} />
      ) : null}
      {step === 'sponsor_assignment' ? (
        <PeopleFields name="sponsorIds" label="入党介绍人" required={2} />
      ) : null}
      {step === 'political_review' || step === 'pre_examination' ? (
        <Form.Item name="passed" label={L.passed} rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group
            options={[
              { value: true, label: '通过' },
              { value: false, label: '未通过' },
            ]}
          />
        </Form.Item>
      ) : null}
      {step === 'training' ? (
        <Flex gap={12} wrap>
          <Form.Item
            name="days"
            label={L.days}
            rules={[{ required: true, message: '请填写培训天数' }]}
            extra="集中培训不少于3天或24学时"
            style={{ flex: '1 1 150px' }}
          >
            <InputNumber min={0} max={365} precision={0} suffix="天" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="hours"
            label={L.hours}
            rules={[{ required: true, message: '请填写培训学时' }]}
            style={{ flex: '1 1 150px' }}
          >
            <InputNumber min={0} max={2000} precision={0} suffix="学时" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      ) : null}
      {step === 'confirmation_meeting' ? (
        <>
          <Form.Item
            name="decision"
            label={L.decision}
            rules={[{ required: true, message: '请选择讨论结论' }]}
          >
            <Radio.Group
              options={confirmationDecisions.map((d) => ({ value: d, label: confirmationDecisionLabels[d] }))}
            />
          </Form.Item>
          {decision === 'extend' ? (
            <Form.Item
              name="extensionMonths"
              label={L.extensionMonths}
              extra="延长预备期只能一次，最短6个月，最长不超过1年"
              rules={[{ required: true, message: '请填写延长月数' }]}
            >
              <InputNumber min={6} max={12} precision={0} suffix="个月" style={{ width: 160 }} />
            </Form.Item>
          ) : null}
        </>
      ) : null}
      {step === 'admission_meeting' || step === 'confirmation_meeting' ? (
        <VoteFields orgId={detail.org.id} notBefore={detail.lastDate} />
      ) : null}
      {hasNotice ? <PublicNoticeFields workingDays={workingDays} /> : null}
      {step === 'superior_talk' ? (
        <Form.Item
          name="talkerRole"
          label={L.talkerRole}
          rules={[{ required: true, message: '请选择谈话人身份' }]}
        >
          <Radio.Group
            options={superiorTalkerRoles.map((r) => ({ value: r, label: superiorTalkerRoleLabels[r] }))}
          />
        </Form.Item>
      ) : null}
      {step === 'admission_approval' ? (
        <>
          <Form.Item
            name="approved"
            label={L.approved}
            rules={[{ required: true, message: '请选择审批结论' }]}
          >
            <Radio.Group
              options={[
                { value: true, label: '批准' },
                { value: false, label: '不批准' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="specialReason"
            label={L.specialReason}
            extra="支部大会决议后超过3个月审批的（特殊情况不超过6个月），须说明理由"
            rules={[{ max: recruitmentLimits.reason.max, message: '特殊情况说明过长' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </>
      ) : null}
      {step === 'group_placement' ? (
        <Form.Item
          name="groupId"
          label={L.groupId}
          extra={groups.length === 0 ? '本支部未设党小组' : undefined}
        >
          <Select
            allowClear
            placeholder="不编入党小组"
            loading={orgs.isLoading}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        </Form.Item>
      ) : null}
      {step === 'withdrawal' ? (
        <Form.Item
          name="reason"
          label="撤回理由"
          rules={[
            { required: true, whitespace: true, message: '请填写撤回理由' },
            { min: 2, message: '撤回理由至少 2 个字' },
            { max: recruitmentLimits.reason.max, message: '撤回理由过长' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      ) : null}
    </>
  );
}

/** Every violated rule with its clause; local ones may be waived with a reason, national ones not. */
function ViolationList({
  violations,
  waived,
  onWaive,
}: {
  violations: RecruitmentViolationOut[];
  waived: ReadonlySet<string>;
  onWaive: (ruleId: string, on: boolean) => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="recruitment-violations"
      title="不符合以下规定，未登记"
      style={{ marginBottom: 16 }}
      description={
        <Flex vertical gap={12} component="ul" style={{ margin: 0, paddingLeft: 16 }}>
          {violations.map((v) => (
            <li key={`${v.ruleId}-${v.field}`}>
              <Space size={4} wrap>
                <Typography.Text strong>{v.message}</Typography.Text>
                {v.severity === 'warning' ? <Tag color="orange">提醒</Tag> : null}
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                依据：{v.clause.source}
                {v.clause.article}：{v.clause.text}
              </Typography.Paragraph>
              {v.kind === 'local' ? (
                <Checkbox
                  checked={waived.has(v.ruleId)}
                  onChange={(e) => onWaive(v.ruleId, e.target.checked)}
                >
                  豁免此条（须说明理由）
                </Checkbox>
              ) : (
                <Tag color="red">全国性规定，不能豁免</Tag>
              )}
            </li>
          ))}
        </Flex>
      }
    />
  );
}

function initialValues(step: StepKind): StepValues {
  const values: StepValues = { date: dayjs(), documentIds: [] };
  if (step === 'activist_designation') values.recommendation = 'member';
  if (step === 'confirmation_meeting') values.decision = 'confirm';
  if (step === 'superior_talk') values.talkerRole = 'organiser';
  return values;
}

/** 登记第N步: a drawer with the step's form; a refused step shows every violated rule with its clause. */
export function StepFormDrawer({
  detail,
  step,
  onClose,
  onConflict,
}: {
  detail: RecruitmentDetail;
  /** The step to record (render with `key={step}` so that each step starts from a fresh form). */
  step: StepKind | null;
  onClose: () => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<StepValues>();
  const record = useRecordStep(detail.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const isNarrow = useIsNarrow();
  const workingDays = usePublicNoticeDays();
  const [violations, setViolations] = useState<RecruitmentViolationOut[] | null>(null);
  const [waived, setWaived] = useState<ReadonlySet<string>>(new Set());

  if (step === null) return null;
  const title = step === 'withdrawal' ? '撤回入党申请' : `登记${stepTitle(step)}`;

  const submit = async () => {
    let values: StepValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const ruleIds = [...waived].filter(isRecruitmentRuleId);
    const override = ruleIds.length > 0 ? { ruleIds, reason: values.overrideReason?.trim() ?? '' } : null;
    try {
      const result = await record.mutateAsync(toStepBody(step, values, detail.version, override));
      message.success(`已${title}`);
      for (const w of result.warnings) message.warning(`${w.title}：${w.message}`, 8);
      onClose();
    } catch (error) {
      const found = stepViolations(error);
      if (found) {
        setViolations(found);
        setWaived(
          (prev) =>
            new Set([...prev].filter((id) => found.some((v) => v.ruleId === id && v.kind === 'local'))),
        );
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
    <Drawer
      title={title}
      open
      onClose={onClose}
      size={isNarrow ? '100%' : 600}
      destroyOnHidden
      mask={{ closable: false }}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger={step === 'withdrawal'}
            loading={record.isPending}
            onClick={() => void submit()}
            data-testid="recruitment-step-submit"
          >
            {waived.size > 0 ? '豁免并登记' : '登记'}
          </Button>
        </Space>
      }
    >
      {violations ? (
        <ViolationList
          violations={violations}
          waived={waived}
          onWaive={(ruleId, on) =>
            setWaived((prev) => {
              const next = new Set(prev);
              if (on) next.add(ruleId);
              else next.delete(ruleId);
              return next;
            })
          }
        />
      ) : null}
      <Form<StepValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues(step)}
        onValuesChange={(changed: Partial<StepValues>) => {
          const start = changed.publicNotice?.startOn;
          if (start)
            form.setFieldValue(
              ['publicNotice', 'endOn'],
              dayjs(publicNoticeEnd(start.format('YYYY-MM-DD'), workingDays)),
            );
        }}
      >
        <Form.Item
          name="date"
          label="日期"
          extra={detail.lastDate ? `不得早于上一步骤的日期 ${detail.lastDate}，不得晚于今天` : '不得晚于今天'}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <StepFields step={step} detail={detail} workingDays={workingDays} />
        <Form.Item
          name="documentIds"
          label={L.documentIds}
          extra="本步骤形成的材料，须先在档案的“材料”中上传"
        >
          <Select
            mode="multiple"
            allowClear
            placeholder="不关联材料"
            options={detail.documents.map((d) => ({
              value: d.id,
              label: `${d.title}（${recruitmentDocumentKindLabels[d.kind]}，${d.onDate}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={L.note}
          rules={[{ max: recruitmentLimits.note.max, message: '备注过长' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        {waived.size > 0 ? (
          <>
            <Divider />
            <Form.Item
              name="overrideReason"
              label="豁免理由"
              extra="理由随本步骤记入档案"
              rules={[
                { required: true, whitespace: true, message: '请填写豁免理由' },
                { min: 2, message: '豁免理由至少 2 个字' },
                { max: recruitmentLimits.reason.max, message: '豁免理由过长' },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
