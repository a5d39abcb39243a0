import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreateRectificationBody,
  type RectificationDetail,
  type RectificationSource,
  type RectificationTransition,
  rectificationLimits,
  rectificationSourceLabels,
  rectificationSources,
} from '@dangjian/core';
import { Button, DatePicker, Flex, Form, Input, Select, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { OrgPicker } from '../../components/org-picker';
import { PersonPicker } from '../../components/person-picker';
import { formatDate, fromIsoDate, toIsoDate } from '../../lib/format';
import { buildOrgForest, type OrgNode } from '../../lib/org-tree';
import { useActivityList } from '../activities/api';
import { useOrgList } from '../orgs/api';

const L = rectificationLimits;

/** Text the user left blank is sent as null. */
const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

const toTreeNodes = (nodes: readonly OrgNode[]): TreeNode[] =>
  nodes.map(({ org, children }) => ({ value: org.id, title: org.name, children: toTreeNodes(children) }));

/** 协办党组织: several orgs of the user's scope from the tree. */
export function OrgMultiPicker({
  value,
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
}) {
  const { data, isLoading } = useOrgList(false);
  const forest = useMemo(() => buildOrgForest(data ?? []), [data]);
  const treeData = useMemo(() => toTreeNodes(forest), [forest]);
  const rootKeys = useMemo(() => forest.map((n) => n.org.id), [forest]);
  return (
    <TreeSelect<number[]>
      id={id}
      multiple
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      treeData={treeData}
      loading={isLoading}
      placeholder="选填，可选多个"
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootKeys}
      allowClear
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}

// Milestones of a 长期整改 item

/** One milestone as the form holds it. */
export interface MilestoneValues {
  title: string;
  dueOn: Dayjs | null;
  doneOn?: Dayjs | null;
}

/** The milestones' rows; `withDone` adds the day each was completed (editing an item under way). */
export function MilestoneFields({ withDone }: { withDone: boolean }) {
  return (
    <Form.List name="milestones">
      {(fields, { add, remove }) => (
        <div>
          <Typography.Text strong>整改阶段（长期整改）</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
            一时难以完成的问题分阶段整改：每个阶段有完成期限，全部阶段完成后才能提交销号。立行立改的问题不必填写。
          </Typography.Paragraph>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap>
              <Form.Item
                name={[field.name, 'title']}
                rules={[
                  { required: true, whitespace: true, message: '请填写阶段内容' },
                  { min: L.milestoneTitle.min, message: `至少 ${L.milestoneTitle.min} 个字` },
                ]}
                style={{ flex: 2, minWidth: 180, marginBottom: 8 }}
              >
                <Input
                  aria-label={`第${i + 1}阶段内容`}
                  placeholder={`第${i + 1}阶段：如 完成支部委员补选`}
                  maxLength={L.milestoneTitle.max}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'dueOn']}
                rules={[{ required: true, message: '请选择完成期限' }]}
                style={{ flex: 1, minWidth: 130, marginBottom: 8 }}
              >
                <DatePicker
                  aria-label={`第${i + 1}阶段完成期限`}
                  placeholder="完成期限"
                  style={{ width: '100%' }}
                />
              </Form.Item>
              {withDone ? (
                <Form.Item name={[field.name, 'doneOn']} style={{ flex: 1, minWidth: 130, marginBottom: 8 }}>
                  <DatePicker
                    aria-label={`第${i + 1}阶段完成日期`}
                    placeholder="完成日期"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              ) : null}
              <Button
                type="text"
                danger
                icon={<MinusCircleOutlined />}
                aria-label={`删除第${i + 1}阶段`}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= L.milestones.max}
            onClick={() => add({ title: '', dueOn: null, doneOn: null })}
          >
            添加阶段
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Form rows → the API's milestones (the server checks the dates against the deadline and today). */
export function toMilestones(rows: readonly MilestoneValues[] | undefined) {
  return (rows ?? []).map((m) => ({
    title: m.title.trim(),
    dueOn: toIsoDate(m.dueOn) ?? '',
    doneOn: toIsoDate(m.doneOn ?? null),
  }));
}

/** An item's milestones as form rows. */
export function milestonesToValues(d: RectificationDetail): MilestoneValues[] {
  return d.milestones.map((m) => ({
    title: m.title,
    dueOn: fromIsoDate(m.dueOn),
    doneOn: fromIsoDate(m.doneOn),
  }));
}

// Entering an item by hand

/** Sources an item may be entered with by hand; one from 监测预警 is opened on the alert. */
const manualSources = rectificationSources.filter(
  (s): s is Exclude<RectificationSource, 'finding'> => s !== 'finding',
);

/** Sources whose problem was raised in a meeting record the item may name. */
const meetingSources: readonly RectificationSource[] = ['life_meeting', 'supervision_check'];

export interface CreateFormValues {
  orgId: number | null;
  source: Exclude<RectificationSource, 'finding'>;
  sourceLabel?: string;
  activityId?: number | null;
  problem: string;
  clause?: string;
  responsiblePersonId?: number | null;
  assistingOrgIds?: number[];
  deadline: Dayjs | null;
  measures?: string;
  milestones?: MilestoneValues[];
}

export const emptyCreateValues = (orgId: number | null): Partial<CreateFormValues> => ({
  orgId,
  source: 'upper_check',
  activityId: null,
  responsiblePersonId: null,
  assistingOrgIds: [],
  deadline: null,
  milestones: [],
});

export function toCreateBody(v: CreateFormValues): CreateRectificationBody {
  return {
    orgId: v.orgId ?? 0,
    source: v.source,
    sourceLabel: blankToNull(v.sourceLabel),
    activityId: meetingSources.includes(v.source) ? (v.activityId ?? null) : null,
    problem: v.problem.trim(),
    clause: blankToNull(v.clause),
    responsiblePersonId: v.responsiblePersonId ?? null,
    assistingOrgIds: v.assistingOrgIds ?? [],
    measures: blankToNull(v.measures),
    deadline: toIsoDate(v.deadline) ?? '',
    milestones: toMilestones(v.milestones),
  };
}

/** The org's recent meeting records, to name the one in which the problem was raised. */
function MeetingPicker({
  orgId,
  value,
  onChange,
  id,
}: {
  orgId: number | null;
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
}) {
  const list = useActivityList({ orgId: orgId ?? undefined, page: 1, pageSize: 50 });
  const options = (orgId ? (list.data?.items ?? []) : [])
    .filter((a) => a.status !== 'cancelled')
    .map((a) => ({ value: a.id, label: `${formatDate(a.onDate)} ${a.title}（${a.org.name}）` }));
  return (
    <Select<number | undefined>
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={list.isFetching}
      disabled={!orgId}
      placeholder={orgId ? '选填：提出问题的会议记录' : '请先选择党组织'}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  );
}

/** The fields of an item entered by hand. */
export function CreateFormFields() {
  const form = Form.useFormInstance<CreateFormValues>();
  const orgId = Form.useWatch('orgId', form) ?? null;
  const source = Form.useWatch('source', form);
  return (
    <>
      <Form.Item name="orgId" label="整改责任党组织" rules={[{ required: true, message: '请选择党组织' }]}>
        <OrgPicker style={{ width: '100%' }} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="source"
          label="问题来源"
          rules={[{ required: true, message: '请选择问题来源' }]}
          style={{ flex: 1, minWidth: 180 }}
        >
          <Select options={manualSources.map((s) => ({ value: s, label: rectificationSourceLabels[s] }))} />
        </Form.Item>
        <Form.Item name="sourceLabel" label="来源说明" style={{ flex: 2, minWidth: 200 }}>
          <Input maxLength={L.sourceLabel.max} placeholder="如：2026年上级党建工作督查" />
        </Form.Item>
      </Flex>
      {source && meetingSources.includes(source) ? (
        <Form.Item name="activityId" label="提出问题的会议记录">
          <MeetingPicker orgId={orgId} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="problem"
        label="问题"
        rules={[
          { required: true, whitespace: true, message: '请填写问题' },
          { min: L.problem.min, message: `至少 ${L.problem.min} 个字` },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={L.problem.max} showCount />
      </Form.Item>
      <Form.Item name="clause" label="依据条款">
        <Input maxLength={L.clause.max} placeholder="选填，如：《中国共产党支部工作条例（试行）》第十九条" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="deadline"
          label="整改期限"
          rules={[{ required: true, message: '请选择整改期限' }]}
          style={{ flex: 1, minWidth: 160 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label="责任人" style={{ flex: 1, minWidth: 160 }}>
          <PersonPicker
            orgId={orgId ?? undefined}
            style={{ width: '100%' }}
            placeholder="选填，输入姓名搜索"
          />
        </Form.Item>
      </Flex>
      <Form.Item name="assistingOrgIds" label="协办党组织">
        <OrgMultiPicker />
      </Form.Item>
      <Form.Item name="measures" label="整改措施">
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={L.measures.max}
          showCount
          placeholder="选填：由整改责任党组织在开始整改前填写"
        />
      </Form.Item>
      <MilestoneFields withDone={false} />
    </>
  );
}

// Editing

export interface TermsFormValues {
  problem: string;
  clause?: string;
  deadline: Dayjs | null;
}

/** Problem, clause and deadline: the level above corrects them before the work starts. */
export function TermsFormFields() {
  return (
    <>
      <Form.Item
        name="problem"
        label="问题"
        rules={[
          { required: true, whitespace: true, message: '请填写问题' },
          { min: L.problem.min, message: `至少 ${L.problem.min} 个字` },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={L.problem.max} showCount />
      </Form.Item>
      <Form.Item name="clause" label="依据条款">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={L.clause.max} />
      </Form.Item>
      <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

export interface PeopleFormValues {
  responsiblePersonId: number | null;
  assistingOrgIds: number[];
}

/** 责任人 and 协办党组织, kept by the org that rectifies. */
export function PeopleFormFields({ d }: { d: RectificationDetail }) {
  return (
    <>
      <Form.Item name="responsiblePersonId" label="责任人">
        <PersonPicker
          orgId={d.orgId}
          initialOption={d.responsiblePerson}
          style={{ width: '100%' }}
          placeholder="输入姓名搜索"
        />
      </Form.Item>
      <Form.Item name="assistingOrgIds" label="协办党组织">
        <OrgMultiPicker />
      </Form.Item>
    </>
  );
}

// Steps

/** What one step's dialog asks and says. */
interface StepText {
  title: string;
  ok: string;
  /** The message once it is done. */
  done: string;
  danger?: boolean;
  /** A reason the step records on the timeline: required, or offered. */
  reason?: { label: string; required: boolean; placeholder: string };
  /** A date the step asks for (延期至) or sets (the new deadline after a 回头看). */
  until?: { label: string };
  intro: (d: RectificationDetail) => ReactNode;
}

/** The dialog of each step; the server decides whether it is allowed and what it still needs. */
export const stepTexts: Record<RectificationTransition, StepText> = {
  start: {
    title: '开始整改',
    ok: '开始整改',
    done: '已开始整改',
    intro: () => '开始整改后，请按整改措施推进，随时填报整改进展、关联证明整改的记录。',
  },
  submit: {
    title: '提交销号',
    ok: '提交',
    done: '已提交，等待审核销号',
    intro: (d) =>
      `提交后由${d.verifier.orgName}审核销号；审核前不能再修改整改措施、完成情况和佐证。请确认已写明整改完成情况并关联了证明整改的记录。`,
  },
  verify: {
    title: '审核销号',
    ok: '同意销号',
    done: '已销号',
    reason: { label: '审核意见', required: false, placeholder: '选填，记入整改经过' },
    intro: (d) => `经审核，${d.orgName}已完成整改，予以销号。销号后如回头看发现问题反弹，可重新打开。`,
  },
  return: {
    title: '退回重改',
    ok: '退回',
    done: '已退回重改',
    danger: true,
    reason: { label: '退回理由', required: true, placeholder: '说明还需整改的内容' },
    intro: (d) => `退回后${d.orgName}继续整改，完成后再次提交。`,
  },
  request_extension: {
    title: '申请延期',
    ok: '提交申请',
    done: '已申请延期，等待审核',
    reason: { label: '延期理由', required: true, placeholder: '说明不能按期完成的原因和新的安排' },
    until: { label: '延期至' },
    intro: (d) =>
      `由${d.verifier.orgName}审核。同意后整改期限改为新的日期，原定期限 ${formatDate(d.originalDeadline)} 仍保留在台账中。`,
  },
  approve_extension: {
    title: '同意延期',
    ok: '同意延期',
    done: '已同意延期',
    intro: (d) =>
      d.extensionRequest
        ? `${d.orgName}申请延期至 ${formatDate(d.extensionRequest.until)}，理由：${d.extensionRequest.reason}。同意后整改期限改为该日，原定期限 ${formatDate(d.originalDeadline)} 仍保留。`
        : '',
  },
  reject_extension: {
    title: '不同意延期',
    ok: '不同意',
    done: '已答复：不同意延期',
    danger: true,
    reason: { label: '理由', required: true, placeholder: '说明不同意延期的理由' },
    intro: (d) => `整改期限仍为 ${formatDate(d.deadline)}。`,
  },
  reopen: {
    title: '回头看发现反弹',
    ok: '重新打开',
    done: '已重新打开，继续整改',
    danger: true,
    reason: { label: '反弹情况', required: true, placeholder: '说明回头看发现问题如何反弹' },
    until: { label: '新的整改期限' },
    intro: (d) => `重新打开后${d.orgName}继续整改，计为第 ${d.reopenCount + 1} 次反弹。`,
  },
};

export interface StepFormValues {
  reason?: string;
  until?: Dayjs | null;
}

/** The reason and date a step asks for. */
export function StepFormFields({ step, d }: { step: RectificationTransition; d: RectificationDetail }) {
  const text = stepTexts[step];
  return (
    <>
      <Typography.Paragraph type="secondary">{text.intro(d)}</Typography.Paragraph>
      {text.until ? (
        <Form.Item name="until" label={text.until.label} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {text.reason ? (
        <Form.Item
          name="reason"
          label={text.reason.label}
          rules={
            text.reason.required
              ? [{ required: true, whitespace: true, message: `请填写${text.reason.label}` }]
              : []
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 3 }}
            maxLength={L.reason.max}
            showCount
            placeholder={text.reason.placeholder}
          />
        </Form.Item>
      ) : null}
    </>
  );
}

/** The step's body, with the version read (a changed item is refused rather than acted on). */
export function toStepBody(step: RectificationTransition, v: StepFormValues, d: RectificationDetail) {
  const reason = v.reason?.trim();
  const until = toIsoDate(v.until ?? null);
  return {
    transition: step,
    version: d.version,
    ...(reason ? { reason } : {}),
    ...(until ? { until } : {}),
  };
}
