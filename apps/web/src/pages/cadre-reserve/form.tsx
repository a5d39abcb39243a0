import {
  type ReserveCandidateDetail,
  type ReserveLevel,
  type ReservePlanKind,
  type ReserveStep,
  reserveLevelLabels,
  reserveLevels,
  reservePlanKindLabels,
  reservePlanKinds,
  reserveStepLabels,
} from '@dangjian/core';
import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/form-dialog';
import { PersonPicker } from '../../components/person-picker';
import { toIsoDate } from '../../lib/format';
import { useAddPlanItem, useAddRotation, useAddSecondment, useNominate, useReserveStep } from './api';

const required = (message: string) => [{ required: true, message }];
const iso = (d: Dayjs) => toIsoDate(d)!;

interface NominateValues {
  personId: number;
  level: ReserveLevel;
  nominatedOn: Dayjs;
  nominationSource: string;
  note?: string;
}

/** 提名后备干部: a person record, the level reserved for, the day and the way of nomination. */
export function NominateDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const nominate = useNominate();
  return (
    <FormModal<NominateValues>
      title="提名后备干部"
      open={open}
      onClose={onClose}
      okText="提名"
      successMessage="已提名"
      initialValues={{ level: 'deputy', nominationSource: '民主推荐' }}
      onSubmit={async (v) => {
        const d = await nominate.mutateAsync({
          personId: v.personId,
          level: v.level,
          nominatedOn: iso(v.nominatedOn),
          nominationSource: v.nominationSource.trim(),
          note: v.note?.trim() || null,
        });
        onCreated(d.id);
      }}
    >
      <Form.Item name="personId" label="人员" rules={required('请选择人员')}>
        <PersonPicker placeholder="输入姓名搜索人员档案" />
      </Form.Item>
      <Form.Item name="level" label="后备层级" rules={required('请选择后备层级')}>
        <Select options={reserveLevels.map((l) => ({ value: l, label: reserveLevelLabels[l] }))} />
      </Form.Item>
      <Form.Item name="nominatedOn" label="提名日期" rules={required('请选择提名日期')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="nominationSource" label="推荐方式" rules={required('请填写推荐方式')}>
        <Input maxLength={60} placeholder="民主推荐、组织推荐等" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </FormModal>
  );
}

interface StepValues {
  on: Dayjs;
  post?: string;
  reason?: string;
}

const stepHints: Partial<Record<ReserveStep, string>> = {
  admit: '入库时核对后备层级的年龄条件（以设置为准）。',
  start_training: '开始培养前须已制定培养计划（至少一项）。',
  review: '年度动态调整：研判后继续保留在库中（提任使用或调出请用对应操作）。',
};

/** One status step of a candidate; 提任 asks for the post, 调出 for the reason. */
export function StepDialog({
  candidate,
  step,
  onClose,
  onConflict,
}: {
  candidate: ReserveCandidateDetail;
  step: ReserveStep | null;
  onClose: () => void;
  onConflict: () => void;
}) {
  const mutation = useReserveStep(candidate.id);
  return (
    <FormModal<StepValues>
      title={step ? `${reserveStepLabels[step]}：${candidate.name}` : ''}
      open={step !== null}
      onClose={onClose}
      onConflict={onConflict}
      okText={step ? reserveStepLabels[step] : '确定'}
      okDanger={step === 'withdraw'}
      successMessage={step ? `已${reserveStepLabels[step]}` : undefined}
      onSubmit={(v) =>
        mutation.mutateAsync({
          step: step!,
          version: candidate.version,
          on: iso(v.on),
          ...(v.post?.trim() ? { post: v.post.trim() } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        })
      }
    >
      {step && stepHints[step] ? <Typography.Paragraph>{stepHints[step]}</Typography.Paragraph> : null}
      <Form.Item name="on" label="日期" rules={required('请选择日期')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {step === 'appoint' ? (
        <Form.Item name="post" label="提任职务" rules={required('请填写提任职务')}>
          <Input maxLength={80} placeholder="以党委任职文件为准" />
        </Form.Item>
      ) : null}
      {step === 'withdraw' ? (
        <Form.Item name="reason" label="调出理由" rules={required('请填写调出理由')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      ) : null}
      {step === 'review' ? (
        <Form.Item name="reason" label="研判意见">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

interface PlanValues {
  kind: ReservePlanKind;
  title: string;
  dueOn: Dayjs;
  mentorName?: string;
}

/** An item of the development plan. */
export function PlanItemDialog({
  candidate,
  open,
  onClose,
  onConflict,
}: {
  candidate: ReserveCandidateDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const add = useAddPlanItem(candidate.id);
  return (
    <FormModal<PlanValues>
      title="增加培养措施"
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      successMessage="已增加培养措施"
      initialValues={{ kind: 'study' }}
      onSubmit={(v) =>
        add.mutateAsync({
          version: candidate.version,
          kind: v.kind,
          title: v.title.trim(),
          dueOn: iso(v.dueOn),
          mentorName: v.kind === 'mentoring' ? v.mentorName?.trim() || null : null,
        })
      }
    >
      <Form.Item name="kind" label="培养措施" rules={required('请选择培养措施')}>
        <Select options={reservePlanKinds.map((k) => ({ value: k, label: reservePlanKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="title" label="具体事项" rules={required('请填写具体事项')}>
        <Input maxLength={120} placeholder="如：参加市委党校中青年干部培训班" />
      </Form.Item>
      <Form.Item name="dueOn" label="完成时限" rules={required('请选择完成时限')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="mentorName" label="导师（导师帮带时填写）">
        <Input maxLength={40} />
      </Form.Item>
    </FormModal>
  );
}

interface SecondmentValues {
  place: string;
  post: string;
  range: [Dayjs, Dayjs];
  note?: string;
}

/** A 挂职 record; its length is checked against the settings by the server. */
export function SecondmentDialog({
  candidate,
  open,
  onClose,
  onConflict,
}: {
  candidate: ReserveCandidateDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const add = useAddSecondment(candidate.id);
  return (
    <FormModal<SecondmentValues>
      title="登记挂职"
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      successMessage="已登记挂职"
      onSubmit={(v) =>
        add.mutateAsync({
          version: candidate.version,
          place: v.place.trim(),
          post: v.post.trim(),
          fromOn: iso(v.range[0]),
          toOn: iso(v.range[1]),
          note: v.note?.trim() || null,
        })
      }
    >
      <Form.Item name="place" label="挂职单位" rules={required('请填写挂职单位')}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="post" label="挂职职务" rules={required('请填写挂职职务')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="range" label="起止日期" rules={required('请选择起止日期')}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}

interface RotationValues {
  fromPost: string;
  toUnit: string;
  toPost: string;
  onDate: Dayjs;
  note?: string;
}

/** A 轮岗 record. */
export function RotationDialog({
  candidate,
  open,
  onClose,
  onConflict,
}: {
  candidate: ReserveCandidateDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const add = useAddRotation(candidate.id);
  return (
    <FormModal<RotationValues>
      title="登记轮岗"
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      successMessage="已登记轮岗"
      initialValues={{ fromPost: candidate.position ?? '' }}
      onSubmit={(v) =>
        add.mutateAsync({
          version: candidate.version,
          fromPost: v.fromPost.trim(),
          toUnit: v.toUnit.trim(),
          toPost: v.toPost.trim(),
          onDate: iso(v.onDate),
          note: v.note?.trim() || null,
        })
      }
    >
      <Form.Item name="fromPost" label="原岗位" rules={required('请填写原岗位')}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="toUnit" label="轮岗单位" rules={required('请填写轮岗单位')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="toPost" label="轮岗岗位" rules={required('请填写轮岗岗位')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="onDate" label="轮岗日期" rules={required('请选择轮岗日期')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}
