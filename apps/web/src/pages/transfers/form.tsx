import {
  type CreateTransferBody,
  defaultValidDays,
  type EducationLevel,
  type Ethnicity,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  type Gender,
  genderLabels,
  genders,
  type IncomingPersonBody,
  limits,
  type MemberCategory,
  maxLetterValidDays,
  memberCategories,
  memberCategoryLabels,
  minLetterValidDays,
  type PartyStatus,
  partyStatuses,
  partyStatusLabels,
  type TransferListItem,
  type TransferSide,
} from '@dangjian/core';
import { DatePicker, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PersonPicker } from '../../components/person-picker';
import { toIsoDate } from '../../lib/format';
import { type TransferStep, type TransferStepInput, useTransferTargets } from './api';

const fullWidth = { width: '100%' };
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const trimmed = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const requiredText = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
const noteRules = [{ max: limits.note.max, message: `不能超过 ${limits.note.max} 个字符` }];

/**
 * Chooses an org that may receive a member (a branch, joint branch or one of their 党小组) from the
 * whole college; `onlyInScope` keeps those the user manages (the receiving side).
 */
function TargetOrgSelect({
  value,
  onChange,
  onlyInScope = false,
  id,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  onlyInScope?: boolean;
  id?: string;
}) {
  const targets = useTransferTargets(true);
  const options = (targets.data ?? [])
    .filter((o) => !onlyInScope || o.inScope)
    .map((o) => ({ value: o.id, label: o.parentName ? `${o.name}（${o.parentName}）` : o.name }));
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={targets.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder="输入名称搜索党支部或党小组"
      notFoundContent={targets.isLoading ? '加载中…' : '没有可选的党组织'}
      style={fullWidth}
    />
  );
}

function DayPicker(props: { id?: string; value?: Dayjs | null; onChange?: (v: Dayjs | null) => void }) {
  return <DatePicker {...props} disabledDate={notAfterToday} style={fullWidth} inputReadOnly />;
}

function MonthPicker(props: { id?: string; value?: Dayjs | null; onChange?: (v: Dayjs | null) => void }) {
  return <DatePicker {...props} picker="month" style={fullWidth} inputReadOnly placeholder="选择月份" />;
}

function ValidDaysInput(props: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  return (
    <InputNumber
      {...props}
      min={minLetterValidDays}
      max={maxLetterValidDays}
      precision={0}
      suffix="天"
      style={fullWidth}
    />
  );
}

const validDaysItem = (
  <Form.Item
    name="validDays"
    label="有效期"
    rules={[{ required: true, message: '请填写有效期' }]}
    extra={`同城一般10天，异地一般30天，最长${maxLetterValidDays}天（3个月）`}
  >
    <ValidDaysInput />
  </Form.Item>
);

const reasonItem = (label = '原因', required = false) => (
  <Form.Item
    name="reason"
    label={label}
    rules={required ? [...requiredText(label), { min: 2, message: '至少 2 个字' }, ...noteRules] : noteRules}
  >
    <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={limits.note.max} showCount />
  </Form.Item>
);

// ——— 校内转接 ———

/** Values of the internal transfer form. */
export interface InternalFormValues {
  requestedSide: TransferSide;
  personId?: number | null;
  personName?: string;
  idNumber?: string;
  toOrgId?: number | null;
  requestedOn?: Dayjs | null;
  reason?: string | null;
}

export const emptyInternalValues: InternalFormValues = { requestedSide: 'from', requestedOn: dayjs() };

/** A member chosen before the form opened (from the member's page), so the picker shows the name. */
type KnownPerson = { id: number; name: string } | null;

/** Fields of an internal request: the sending side picks its member, the receiving side names one. */
export function InternalFormFields({ person = null }: { person?: KnownPerson }) {
  const side: TransferSide | undefined = Form.useWatch('requestedSide');
  return (
    <>
      <Form.Item name="requestedSide" label="本方是">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'from', label: '转出方' },
            { value: 'to', label: '接收方' },
          ]}
        />
      </Form.Item>
      {side === 'to' ? (
        <>
          <Typography.Paragraph type="secondary">
            填写要转入本支部的党员姓名和身份证号，由其现所在党支部确认。
          </Typography.Paragraph>
          <Form.Item name="personName" label="党员姓名" rules={requiredText('党员姓名')}>
            <Input maxLength={limits.personName.max} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={requiredText('身份证号')}>
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="toOrgId"
            label="接收党组织"
            rules={[{ required: true, message: '请选择接收党组织' }]}
          >
            <TargetOrgSelect onlyInScope />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <PersonPicker style={fullWidth} initialOption={person} />
          </Form.Item>
          <Form.Item
            name="toOrgId"
            label="接收党组织"
            rules={[{ required: true, message: '请选择接收党组织' }]}
            extra="由接收党组织确认后转接生效"
          >
            <TargetOrgSelect />
          </Form.Item>
        </>
      )}
      <Form.Item name="requestedOn" label="申请日期">
        <DayPicker />
      </Form.Item>
      {reasonItem()}
    </>
  );
}

export function toInternalBody(v: InternalFormValues): CreateTransferBody {
  const who =
    v.requestedSide === 'to'
      ? { personName: v.personName?.trim() ?? '', idNumber: v.idNumber?.trim() ?? '' }
      : { personId: v.personId ?? undefined };
  return {
    kind: 'internal',
    requestedSide: v.requestedSide,
    ...who,
    toOrgId: v.toOrgId ?? 0,
    requestedOn: toIsoDate(v.requestedOn) ?? undefined,
    reason: trimmed(v.reason),
  };
}

// ——— 转出本校（开具介绍信） ———

/** Values of the outgoing letter form. */
export interface OutgoingFormValues {
  personId?: number | null;
  externalOrgName?: string;
  externalUnit?: string | null;
  externalAddress?: string | null;
  sameCity: boolean;
  validDays: number;
  issuedOn?: Dayjs | null;
  letterNumber?: string | null;
  duesPaidUntil?: Dayjs | null;
  reason?: string | null;
}

export const emptyOutgoingValues: OutgoingFormValues = {
  sameCity: false,
  validDays: defaultValidDays(false),
  issuedOn: dayjs(),
  duesPaidUntil: dayjs(),
};

/** Keeps the validity at its default when 同城 is switched. */
export function syncOutgoingForm(changed: Partial<OutgoingFormValues>, set: (days: number) => void): void {
  if (changed.sameCity !== undefined) set(defaultValidDays(changed.sameCity));
}

export function OutgoingFormFields({ person = null }: { person?: KnownPerson }) {
  return (
    <>
      <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <PersonPicker style={fullWidth} initialOption={person} />
      </Form.Item>
      <Form.Item
        name="externalOrgName"
        label="接收党组织"
        rules={[...requiredText('接收党组织'), { min: 2, message: '至少 2 个字' }]}
        extra="介绍信抬头，如“中共某某区委组织部”"
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="externalUnit" label="去往单位">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="externalAddress" label="接收党组织地址">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="sameCity" label="同城转接" valuePropName="checked">
        <Switch checkedChildren="同城" unCheckedChildren="异地" />
      </Form.Item>
      {validDaysItem}
      <Form.Item name="issuedOn" label="开具日期" rules={[{ required: true, message: '请选择开具日期' }]}>
        <DayPicker />
      </Form.Item>
      <Form.Item
        name="duesPaidUntil"
        label="党费交至"
        rules={[{ required: true, message: '请选择党费交至月份' }]}
      >
        <MonthPicker />
      </Form.Item>
      <Form.Item name="letterNumber" label="介绍信编号" extra="留空按年度自动编号，如 2026-001">
        <Input maxLength={40} />
      </Form.Item>
      {reasonItem('转出原因')}
      <Typography.Paragraph type="secondary">
        回执退回前，党员仍在本支部在册，由本校党委负责管理；登记回执后转为“已转出”。
      </Typography.Paragraph>
    </>
  );
}

export function toOutgoingBody(v: OutgoingFormValues): CreateTransferBody {
  return {
    kind: 'outgoing',
    personId: v.personId ?? 0,
    externalOrgName: v.externalOrgName?.trim() ?? '',
    externalUnit: trimmed(v.externalUnit),
    externalAddress: trimmed(v.externalAddress),
    validDays: v.validDays,
    issuedOn: toIsoDate(v.issuedOn) ?? undefined,
    letterNumber: trimmed(v.letterNumber),
    duesPaidUntil: v.duesPaidUntil?.format('YYYY-MM') ?? '',
    reason: trimmed(v.reason),
  };
}

// ——— 转入本校（登记介绍信） ———

interface IncomingPersonValues {
  name?: string;
  idNumber?: string;
  gender?: Gender | null;
  ethnicity?: Ethnicity | null;
  category?: MemberCategory;
  partyStatus?: PartyStatus;
  joinedOn?: Dayjs | null;
  confirmedOn?: Dayjs | null;
  phone?: string | null;
  education?: EducationLevel | null;
  position?: string | null;
  title?: string | null;
}

/** Values of the incoming letter form; the member's fields sit under `person` as in the API. */
export interface IncomingFormValues {
  letterNumber?: string;
  externalOrgName?: string;
  externalUnit?: string | null;
  externalAddress?: string | null;
  issuedOn?: Dayjs | null;
  validDays: number;
  receivedOn?: Dayjs | null;
  duesPaidUntil?: Dayjs | null;
  toOrgId?: number | null;
  person: IncomingPersonValues;
  reason?: string | null;
}

export const emptyIncomingValues: IncomingFormValues = {
  validDays: defaultValidDays(false),
  receivedOn: dayjs(),
  person: { category: 'staff', partyStatus: 'full' },
};

const options = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));

export function IncomingFormFields() {
  const partyStatus: PartyStatus | undefined = Form.useWatch(['person', 'partyStatus']);
  return (
    <>
      <Typography.Title level={5}>介绍信</Typography.Title>
      <Form.Item name="letterNumber" label="介绍信编号" rules={requiredText('介绍信编号')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="externalOrgName"
        label="转出党组织"
        rules={[...requiredText('转出党组织'), { min: 2, message: '至少 2 个字' }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="externalUnit" label="原单位">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="issuedOn" label="开具日期" rules={[{ required: true, message: '请选择开具日期' }]}>
        <DayPicker />
      </Form.Item>
      {validDaysItem}
      <Form.Item name="receivedOn" label="收到日期" extra="超过有效期的介绍信须由转出党组织重新开具">
        <DayPicker />
      </Form.Item>
      <Form.Item name="duesPaidUntil" label="党费交至">
        <MonthPicker />
      </Form.Item>
      <Form.Item name="toOrgId" label="接收党组织" rules={[{ required: true, message: '请选择接收党组织' }]}>
        <TargetOrgSelect onlyInScope />
      </Form.Item>

      <Typography.Title level={5}>党员信息</Typography.Title>
      <Form.Item name={['person', 'name']} label="姓名" rules={requiredText('姓名')}>
        <Input maxLength={limits.personName.max} />
      </Form.Item>
      <Form.Item name={['person', 'idNumber']} label="身份证号" rules={requiredText('身份证号')}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item name={['person', 'gender']} label="性别">
        <Select allowClear options={options(genders, genderLabels)} />
      </Form.Item>
      <Form.Item name={['person', 'ethnicity']} label="民族">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={ethnicities.map((c) => ({ value: c, label: ethnicityLabels[c] }))}
        />
      </Form.Item>
      <Form.Item
        name={['person', 'category']}
        label="人员类别"
        rules={[{ required: true, message: '请选择人员类别' }]}
      >
        <Select options={options(memberCategories, memberCategoryLabels)} />
      </Form.Item>
      <Form.Item
        name={['person', 'partyStatus']}
        label="党籍状态"
        rules={[{ required: true, message: '请选择党籍状态' }]}
      >
        <Radio.Group options={options(partyStatuses, partyStatusLabels)} />
      </Form.Item>
      <Form.Item
        name={['person', 'joinedOn']}
        label="入党日期"
        rules={[{ required: true, message: '请选择入党日期' }]}
      >
        <DayPicker />
      </Form.Item>
      {partyStatus === 'full' ? (
        <Form.Item
          name={['person', 'confirmedOn']}
          label="转正日期"
          rules={[{ required: true, message: '正式党员须填写转正日期' }]}
        >
          <DayPicker />
        </Form.Item>
      ) : null}
      <Form.Item name={['person', 'phone']} label="联系电话">
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name={['person', 'education']} label="学历">
        <Select allowClear options={options(educationLevels, educationLabels)} />
      </Form.Item>
      <Form.Item name={['person', 'position']} label="职务/岗位">
        <Input maxLength={limits.memberText.max} />
      </Form.Item>
      <Form.Item name={['person', 'title']} label="职称">
        <Input maxLength={limits.memberText.max} />
      </Form.Item>
      {reasonItem('备注')}
    </>
  );
}

export function toIncomingBody(v: IncomingFormValues): CreateTransferBody {
  const p = v.person;
  const person: IncomingPersonBody = {
    name: p.name?.trim() ?? '',
    idNumber: p.idNumber?.trim() ?? '',
    gender: p.gender ?? null,
    ethnicity: p.ethnicity ?? null,
    category: p.category ?? 'staff',
    partyStatus: p.partyStatus ?? 'full',
    joinedOn: toIsoDate(p.joinedOn) ?? '',
    confirmedOn: p.partyStatus === 'full' ? toIsoDate(p.confirmedOn) : null,
    phone: trimmed(p.phone),
    education: p.education ?? null,
    position: trimmed(p.position),
    title: trimmed(p.title),
  };
  return {
    kind: 'incoming',
    letterNumber: v.letterNumber?.trim() ?? '',
    externalOrgName: v.externalOrgName?.trim() ?? '',
    externalUnit: trimmed(v.externalUnit),
    externalAddress: trimmed(v.externalAddress),
    issuedOn: toIsoDate(v.issuedOn) ?? '',
    validDays: v.validDays,
    receivedOn: toIsoDate(v.receivedOn) ?? undefined,
    duesPaidUntil: v.duesPaidUntil?.format('YYYY-MM') ?? null,
    toOrgId: v.toOrgId ?? 0,
    person,
    reason: trimmed(v.reason),
  };
}

// ——— Steps on a transfer ———

/** Values of a step dialog; names match the API's, so its field errors land on the right input. */
export interface StepFormValues {
  transferredOn?: Dayjs | null;
  receiptOn?: Dayjs | null;
  placedOn?: Dayjs | null;
  orgId?: number | null;
  reason?: string | null;
}

/** Title and button of each step's dialog. */
export const stepTexts: Record<TransferStep, { title: string; ok: string; danger?: boolean }> = {
  confirm: { title: '确认接收', ok: '确认' },
  reject: { title: '退回申请', ok: '退回', danger: true },
  cancel: { title: '撤销', ok: '撤销', danger: true },
  receipt: { title: '登记回执', ok: '登记' },
  place: { title: '报到编入', ok: '编入' },
};

const stepDates = {
  confirm: { name: 'transferredOn', label: '转接日期' },
  receipt: { name: 'receiptOn', label: '回执日期' },
  place: { name: 'placedOn', label: '报到日期' },
} as const;

export function stepInitialValues(step: TransferStep, t: TransferListItem): StepFormValues {
  if (step === 'reject' || step === 'cancel') return {};
  return { [stepDates[step].name]: dayjs(), ...(step === 'place' ? { orgId: t.toOrgId } : {}) };
}

function stepIntro(step: TransferStep, t: TransferListItem): string {
  switch (step) {
    case 'confirm':
      return `${t.personName}的组织关系将由${t.fromOrgName}转至${t.toOrgName}，其在原支部的职务同日免去。`;
    case 'receipt':
      return `收到介绍信第${t.letterNumber}号的回执后，${t.personName}转为“已转出”，离开在册名单（历史记录保留）。`;
    case 'place':
      return `${t.personName}报到后编入所选党组织，成为在册党员。`;
    case 'reject':
      return `退回${t.personName}的转接申请，发起方会看到退回原因。`;
    case 'cancel':
      return t.kind === 'outgoing'
        ? `介绍信第${t.letterNumber}号将作废，${t.personName}仍在本支部在册。`
        : `撤销${t.personName}的${t.kind === 'incoming' ? '转入登记' : '转接申请'}。`;
  }
}

/** What each step asks for. */
export function StepFormFields({ step, item }: { step: TransferStep; item: TransferListItem }) {
  const intro = <Typography.Paragraph>{stepIntro(step, item)}</Typography.Paragraph>;
  if (step === 'reject' || step === 'cancel')
    return (
      <>
        {intro}
        {reasonItem(step === 'reject' ? '退回原因' : '撤销原因', true)}
      </>
    );
  const date = stepDates[step];
  return (
    <>
      {intro}
      <Form.Item
        name={date.name}
        label={date.label}
        rules={[{ required: true, message: `请选择${date.label}` }]}
      >
        <DayPicker />
      </Form.Item>
      {step === 'place' ? (
        <Form.Item name="orgId" label="编入党组织" rules={[{ required: true, message: '请选择党组织' }]}>
          <TargetOrgSelect onlyInScope />
        </Form.Item>
      ) : (
        reasonItem('备注')
      )}
    </>
  );
}

/** The request of a step from its dialog's values, with the version the list showed. */
export function toStepInput(step: TransferStep, t: TransferListItem, v: StepFormValues): TransferStepInput {
  const { id, version } = t;
  const reason = trimmed(v.reason);
  switch (step) {
    case 'confirm':
      return { id, step, body: { version, transferredOn: toIsoDate(v.transferredOn) ?? undefined, reason } };
    case 'reject':
    case 'cancel':
      return { id, step, body: { version, reason: reason ?? '' } };
    case 'receipt':
      return { id, step, body: { version, receiptOn: toIsoDate(v.receiptOn) ?? '', reason } };
    case 'place':
      return {
        id,
        step,
        body: { version, placedOn: toIsoDate(v.placedOn) ?? undefined, orgId: v.orgId ?? undefined },
      };
  }
}
