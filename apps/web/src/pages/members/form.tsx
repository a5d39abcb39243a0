import {
  type CreateMemberBody,
  canHoldMembers,
  checkMemberRecord,
  type DualLeaderKind,
  dualLeaderKindLabels,
  dualLeaderKinds,
  type EducationLevel,
  type Ethnicity,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  type Gender,
  genderLabels,
  genders,
  limits,
  type MemberCategory,
  type MemberDetail,
  type MemberField,
  type MemberRecord,
  majorKindLabels,
  memberCategories,
  memberCategoryLabels,
  memberFieldLabels,
  memberFlags,
  type OrgListItem,
  type PartyStatus,
  parseIdNumber,
  partyStatuses,
  partyStatusLabels,
  type UpdateMemberBody,
  unitKindLabels,
} from '@dangjian/core';
import {
  Col,
  DatePicker,
  Divider,
  Form,
  type FormInstance,
  type FormRule,
  Input,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useMemo } from 'react';
import { OrgPicker } from '../../components/org-picker';
import { isOneOf } from '../../lib/enums';
import { fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { useOrgList } from '../orgs/api';
import { useMajors, useUnits } from '../units/api';

/** Values of the member form; names are the API's field names so server errors land on them. */
export interface MemberFormValues {
  name: string;
  idNumber: string;
  gender: Gender | null;
  birthDate: Dayjs | null;
  ethnicity: Ethnicity | null;
  phone: string;
  education: EducationLevel | null;
  category: MemberCategory;
  unitId: number | null;
  title: string;
  position: string;
  majorId: number | null;
  grade: string;
  className: string;
  partyStatus: PartyStatus;
  joinedOn: Dayjs | null;
  confirmedOn: Dayjs | null;
  orgId: number | null;
  isMobile: boolean;
  isAbroad: boolean;
  isInHardship: boolean;
  isDualLeader: boolean;
  dualLeaderKind: DualLeaderKind | null;
  dualLeaderNote: string;
}

type FormField = keyof MemberFormValues & MemberField;

/** 离退休 members keep the unit and title they retired from. */
const hasUnit = (category: MemberCategory) => category === 'staff' || category === 'retired';

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The record the form describes, as core's rules read it. Fields hidden for the category are
 * removed from the form (`preserve={false}`) and read as empty.
 */
export function formToRecord(values: Partial<MemberFormValues>): MemberRecord {
  const category = values.category ?? 'staff';
  const isStudent = category === 'student';
  const isDualLeader = category === 'staff' && (values.isDualLeader ?? false);
  return {
    name: values.name?.trim() ?? '',
    gender: values.gender ?? null,
    ethnicity: values.ethnicity ?? null,
    birthDate: toIsoDate(values.birthDate),
    idNumber: blankToNull(values.idNumber)?.replace(/\s+/g, '').toUpperCase() ?? null,
    phone: blankToNull(values.phone)?.replace(/\s+/g, '') ?? null,
    education: values.education ?? null,
    category,
    position: blankToNull(values.position),
    title: hasUnit(category) ? blankToNull(values.title) : null,
    unitId: hasUnit(category) ? (values.unitId ?? null) : null,
    majorId: isStudent ? (values.majorId ?? null) : null,
    grade: isStudent ? blankToNull(values.grade) : null,
    className: isStudent ? blankToNull(values.className) : null,
    partyStatus: values.partyStatus ?? 'full',
    joinedOn: toIsoDate(values.joinedOn),
    confirmedOn: values.partyStatus === 'probationary' ? null : toIsoDate(values.confirmedOn),
    orgId: values.orgId ?? 0,
    isMobile: values.isMobile ?? false,
    isAbroad: values.isAbroad ?? false,
    isInHardship: values.isInHardship ?? false,
    isDualLeader,
    dualLeaderKind: isDualLeader ? (values.dualLeaderKind ?? null) : null,
    dualLeaderNote: isDualLeader ? blankToNull(values.dualLeaderNote) : null,
  };
}

/**
 * Rules that run core's checkMemberRecord (the server's own check) and report the problems of one
 * field, so the form shows the same messages as the API. Problems the record already had when it
 * was opened are shown as warnings: like the server, they do not block an unrelated edit.
 */
function recordRules(field: FormField, existing: ReadonlySet<string>): FormRule[] {
  const problemsOf =
    (warningOnly: boolean): FormRule =>
    ({ getFieldsValue }) => ({
      warningOnly,
      validator: async () => {
        const record = formToRecord(getFieldsValue(true) as Partial<MemberFormValues>);
        if (record.joinedOn === null && field === 'joinedOn') return; // the required rule says it
        const messages = checkMemberRecord(record, todayIso())
          .filter((p) => p.path === field && existing.has(p.message) === warningOnly)
          .map((p) => p.message);
        if (messages.length > 0) throw new Error(messages.join('；'));
      },
    });
  return existing.size > 0 ? [problemsOf(false), problemsOf(true)] : [problemsOf(false)];
}

interface FieldContext {
  mode: 'create' | 'edit';
  /** The masked ID number and phone on file, when the form was opened without them. */
  masked: { idNumber: string | null; phone: string | null } | null;
  unitOptions: { value: number; label: string }[];
  majorOptions: { value: number; label: string }[];
  loadingRefs: boolean;
  isOrgSelectable: (org: OrgListItem) => boolean;
}

interface FieldDef {
  name: FormField;
  required?: string | ((ctx: FieldContext) => string | null);
  extra?: (ctx: FieldContext) => ReactNode;
  /** Fields whose change re-checks this one. */
  dependencies?: FormField[];
  /** Shown only when true for the current values. */
  when?: (v: { category: MemberCategory; partyStatus: PartyStatus; isDualLeader: boolean }) => boolean;
  isSwitch?: boolean;
  /** Takes a whole row on wide screens. */
  wide?: boolean;
  input: (ctx: FieldContext) => ReactNode;
}

interface Section {
  title: string;
  fields: FieldDef[];
}

const dateInput = () => <DatePicker style={{ width: '100%' }} />;
const textInput = (placeholder?: string) => () => (
  <Input maxLength={limits.memberText.max} placeholder={placeholder} />
);
const switchInput = () => <Switch checkedChildren="是" unCheckedChildren="否" />;
const isStaff = ({ category }: { category: MemberCategory }) => category === 'staff';
const isStudent = ({ category }: { category: MemberCategory }) => category === 'student';

/** The member form as data: sections of fields, each with its input and when it applies. */
const sections: Section[] = [
  {
    title: '基本信息',
    fields: [
      {
        name: 'name',
        required: '请输入姓名',
        input: () => <Input maxLength={limits.personName.max} autoComplete="off" />,
      },
      {
        name: 'idNumber',
        required: (ctx) => (ctx.masked?.idNumber ? null : '请输入身份证号'),
        extra: (ctx) =>
          ctx.masked?.idNumber
            ? `已隐藏（${ctx.masked.idNumber}）；留空则保持不变`
            : '填写后自动带出出生日期和性别',
        input: () => <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />,
      },
      {
        name: 'gender',
        dependencies: ['idNumber'],
        input: () => <Radio.Group options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />,
      },
      { name: 'birthDate', dependencies: ['idNumber'], input: dateInput },
      {
        name: 'ethnicity',
        input: () => (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择或输入民族"
            options={ethnicities.map((e) => ({ value: e, label: ethnicityLabels[e] }))}
          />
        ),
      },
      {
        name: 'phone',
        extra: (ctx) => (ctx.masked?.phone ? `已隐藏（${ctx.masked.phone}）；留空则保持不变` : undefined),
        input: () => <Input maxLength={20} inputMode="tel" autoComplete="off" />,
      },
      {
        name: 'education',
        input: () => (
          <Select
            allowClear
            options={educationLevels.map((e) => ({ value: e, label: educationLabels[e] }))}
          />
        ),
      },
    ],
  },
  {
    title: '人员类别与工作学习',
    fields: [
      {
        name: 'category',
        required: '请选择人员类别',
        input: () => (
          <Radio.Group
            optionType="button"
            options={memberCategories.map((c) => ({ value: c, label: memberCategoryLabels[c] }))}
          />
        ),
      },
      {
        name: 'unitId',
        when: (v) => hasUnit(v.category),
        input: ({ unitOptions, loadingRefs }) => (
          <Select
            allowClear
            loading={loadingRefs}
            options={unitOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="二级学院 / 部门"
          />
        ),
      },
      { name: 'title', when: (v) => hasUnit(v.category), input: textInput('如 副教授、讲师') },
      { name: 'position', input: textInput('如 专任教师、辅导员、学生干部') },
      {
        name: 'majorId',
        when: isStudent,
        input: ({ majorOptions, loadingRefs }) => (
          <Select
            allowClear
            loading={loadingRefs}
            options={majorOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        ),
      },
      {
        name: 'grade',
        when: isStudent,
        dependencies: ['category'],
        input: () => <Input maxLength={4} inputMode="numeric" placeholder="入学年份，如 2024" />,
      },
      { name: 'className', when: isStudent, input: textInput('如 软件2401班') },
    ],
  },
  {
    title: '党籍',
    fields: [
      {
        name: 'partyStatus',
        required: '请选择党籍状态',
        dependencies: ['joinedOn'],
        input: () => (
          <Radio.Group
            optionType="button"
            options={partyStatuses.map((s) => ({ value: s, label: partyStatusLabels[s] }))}
          />
        ),
      },
      {
        name: 'joinedOn',
        required: '请选择入党日期',
        dependencies: ['birthDate', 'idNumber'],
        extra: () => '接收为预备党员的日期',
        input: dateInput,
      },
      {
        name: 'confirmedOn',
        when: ({ partyStatus }) => partyStatus === 'full',
        dependencies: ['joinedOn', 'partyStatus'],
        input: dateInput,
      },
      {
        name: 'orgId',
        required: '请选择所在党支部或党小组',
        wide: true,
        extra: (ctx) =>
          ctx.mode === 'edit'
            ? '可在本支部及其党小组之间调整；调整到其他党支部请办理组织关系转接'
            : '党员的组织关系只能在党支部（含联合党支部）或其党小组',
        input: ({ isOrgSelectable }) => (
          <OrgPicker
            isSelectable={isOrgSelectable}
            placeholder="选择党支部或党小组"
            style={{ width: '100%' }}
          />
        ),
      },
    ],
  },
  {
    title: '标记',
    fields: [
      ...memberFlags.map((flag) => ({ name: flag, isSwitch: true, input: switchInput })),
      {
        name: 'isDualLeader',
        when: isStaff,
        isSwitch: true,
        dependencies: ['category'],
        extra: () => '教师党支部书记“双带头人”（教党〔2018〕26号）',
        input: switchInput,
      },
      {
        name: 'dualLeaderKind',
        when: (v) => isStaff(v) && v.isDualLeader,
        dependencies: ['isDualLeader'],
        input: () => (
          <Radio.Group options={dualLeaderKinds.map((k) => ({ value: k, label: dualLeaderKindLabels[k] }))} />
        ),
      },
      {
        name: 'dualLeaderNote',
        when: (v) => isStaff(v) && v.isDualLeader,
        wide: true,
        input: () => (
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="如 教授、专业带头人，2024 年认定" />
        ),
      },
    ],
  },
];

/** Keeps the form consistent while typing: the ID number fills birth date and gender. */
export function syncMemberForm(changed: Partial<MemberFormValues>, form: FormInstance<MemberFormValues>) {
  if (changed.idNumber !== undefined) {
    const parsed = parseIdNumber(changed.idNumber, todayIso());
    if (parsed.ok) {
      form.setFieldsValue({ birthDate: dayjs(parsed.facts.birthDate), gender: parsed.facts.gender });
      void form.validateFields(['birthDate', 'gender']).catch(() => undefined);
    }
  }
  if (changed.partyStatus === 'probationary') form.setFieldsValue({ confirmedOn: null });
}

/** The fields of the member form, in sections; place inside a FormDrawer. */
export function MemberFormFields({
  member,
}: {
  /** The member being edited; absent for a new one. */
  member?: MemberDetail | undefined;
}) {
  const form = Form.useFormInstance<MemberFormValues>();
  const category: MemberCategory = Form.useWatch('category', form) ?? 'staff';
  const partyStatus: PartyStatus = Form.useWatch('partyStatus', form) ?? 'full';
  const isDualLeader: boolean = Form.useWatch('isDualLeader', form) ?? false;
  const units = useUnits();
  const majors = useMajors();
  const orgs = useOrgList(false);

  const typeById = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.type])), [orgs.data]);
  // Moving to another branch is a transfer (组织关系转接): an edit stays within the member's branch.
  const branchId = member?.branchId ?? null;
  const isOrgSelectable = useCallback(
    (org: OrgListItem) =>
      !org.archived &&
      canHoldMembers(org.type, org.parentId === null ? null : (typeById.get(org.parentId) ?? null)) &&
      (branchId === null || org.id === branchId || org.parentId === branchId),
    [typeById, branchId],
  );
  const existing = useMemo(
    () => new Set(member ? checkMemberRecord(detailToRecord(member), todayIso()).map((p) => p.message) : []),
    [member],
  );

  const ctx: FieldContext = {
    mode: member ? 'edit' : 'create',
    masked: member?.masked ? { idNumber: member.idNumber, phone: member.phone } : null,
    unitOptions: (units.data ?? []).map((u) => ({
      value: u.id,
      label: `${u.name}（${unitKindLabels[u.kind]}）`,
    })),
    majorOptions: (majors.data ?? []).map((m) => ({
      value: m.id,
      label: `${m.name}（${majorKindLabels[m.kind]}${m.unitName ? `，${m.unitName}` : ''}）`,
    })),
    loadingRefs: units.isLoading || majors.isLoading,
    isOrgSelectable,
  };
  const current = { category, partyStatus, isDualLeader };

  return (
    <>
      {sections.map((section) => (
        <div key={section.title}>
          <Divider titlePlacement="start" style={{ marginTop: 4 }}>
            {section.title}
          </Divider>
          <Row gutter={16}>
            {section.fields
              .filter((f) => !f.when || f.when(current))
              .map((f) => {
                const required = typeof f.required === 'function' ? f.required(ctx) : f.required;
                const rules: FormRule[] = [
                  ...(required ? [{ required: true, message: required }] : []),
                  ...recordRules(f.name, existing),
                ];
                return (
                  <Col key={f.name} xs={24} sm={f.wide ? 24 : 12}>
                    <Form.Item
                      name={f.name}
                      label={memberFieldLabels[f.name]}
                      rules={rules}
                      dependencies={f.dependencies}
                      extra={f.extra?.(ctx)}
                      valuePropName={f.isSwitch ? 'checked' : 'value'}
                    >
                      {f.input(ctx)}
                    </Form.Item>
                  </Col>
                );
              })}
          </Row>
        </div>
      ))}
    </>
  );
}

/** Empty form for a new member, optionally in a chosen branch. */
export function emptyMemberValues(orgId: number | null): MemberFormValues {
  return {
    name: '',
    idNumber: '',
    gender: null,
    birthDate: null,
    ethnicity: '01',
    phone: '',
    education: null,
    category: 'staff',
    unitId: null,
    title: '',
    position: '',
    majorId: null,
    grade: '',
    className: '',
    partyStatus: 'full',
    joinedOn: null,
    confirmedOn: null,
    orgId,
    isMobile: false,
    isAbroad: false,
    isInHardship: false,
    isDualLeader: false,
    dualLeaderKind: null,
    dualLeaderNote: '',
  };
}

/** The record on file as the API gave it (masked ID number and phone read as empty). */
export function detailToRecord(d: MemberDetail): MemberRecord {
  return {
    name: d.name,
    gender: d.gender,
    ethnicity: isOneOf(ethnicities, d.ethnicity) ? d.ethnicity : null,
    birthDate: d.birthDate,
    idNumber: d.masked ? null : d.idNumber,
    phone: d.masked ? null : d.phone,
    education: d.education,
    category: d.category,
    position: d.position,
    title: d.title,
    unitId: d.unitId,
    majorId: d.majorId,
    grade: d.grade,
    className: d.className,
    partyStatus: d.partyStatus ?? 'full',
    joinedOn: d.joinedOn,
    confirmedOn: d.confirmedOn,
    orgId: d.orgId ?? 0,
    isMobile: d.isMobile,
    isAbroad: d.isAbroad,
    isInHardship: d.isInHardship,
    isDualLeader: d.isDualLeader,
    dualLeaderKind: d.dualLeaderKind,
    dualLeaderNote: d.dualLeaderNote,
  };
}

/** The form's values for a member on file. */
export function detailToFormValues(d: MemberDetail): MemberFormValues {
  const r = detailToRecord(d);
  return {
    ...r,
    idNumber: r.idNumber ?? '',
    phone: r.phone ?? '',
    birthDate: fromIsoDate(r.birthDate),
    title: r.title ?? '',
    position: r.position ?? '',
    grade: r.grade ?? '',
    className: r.className ?? '',
    joinedOn: fromIsoDate(r.joinedOn),
    confirmedOn: fromIsoDate(r.confirmedOn),
    orgId: d.orgId,
    dualLeaderNote: r.dualLeaderNote ?? '',
  };
}

/** Body of POST /api/members. */
export function toCreateMemberBody(values: MemberFormValues): CreateMemberBody {
  const { idNumber, orgId, joinedOn, ...rest } = formToRecord(values);
  if (idNumber === null) throw new Error('请输入身份证号');
  if (orgId === 0) throw new Error('请选择所在党支部或党小组');
  if (joinedOn === null) throw new Error('请选择入党日期');
  return { ...rest, idNumber, orgId, joinedOn };
}

/**
 * Body of PATCH /api/members/:id: only the fields that changed, with the version read. An ID
 * number or phone left empty on a masked record stays as it is.
 */
export function toUpdateMemberBody(detail: MemberDetail, values: MemberFormValues): UpdateMemberBody {
  const before = detailToRecord(detail);
  const after = formToRecord(values);
  const changes: Partial<MemberRecord> = {};
  for (const key of Object.keys(after) as MemberField[]) {
    if (before[key] === after[key]) continue;
    if (detail.masked && (key === 'idNumber' || key === 'phone') && after[key] === null) continue;
    Object.assign(changes, { [key]: after[key] });
  }
  // Required fields are never cleared: the form's own rules stop an empty one before this point.
  const { joinedOn, idNumber, orgId, ...rest } = changes;
  return {
    version: detail.version,
    ...rest,
    ...(joinedOn ? { joinedOn } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(orgId ? { orgId } : {}),
  };
}
