import {
  allowedChildTypes,
  type CreateOrgBody,
  limits,
  majorKindLabels,
  type OrgCategory,
  type OrgDetail,
  type OrgType,
  orgCategories,
  orgCategoryLabels,
  orgStatisticsCodes,
  orgTypeLabels,
  type UpdateOrgBody,
  unitKindLabels,
} from '@dangjian/core';
import { DatePicker, Form, type FormRule, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { fromIsoDate, toIsoDate } from '../../lib/format';
import { useMajors, useUnits } from '../units/api';

/** Values of the org create/edit form. */
export interface OrgFormValues {
  type?: OrgType;
  name: string;
  shortName?: string | null;
  category?: OrgCategory | null;
  unitId?: number | null;
  majorIds?: number[];
  code?: string | null;
  foundedOn?: Dayjs | null;
  sortOrder?: number | null;
}

interface FieldContext {
  mode: 'create' | 'edit';
  /** Types the new org may have under its parent (create only). */
  childTypes: readonly OrgType[];
  unitOptions: { value: number; label: string }[];
  majorOptions: { value: number; label: string }[];
  loadingRefs: boolean;
}

interface FieldDef {
  name: keyof OrgFormValues;
  label: string;
  rules?: FormRule[];
  extra?: string;
  /** Only in one of the modes. */
  only?: FieldContext['mode'];
  input: (ctx: FieldContext) => ReactNode;
}

/** The org form as data: each field's label, rules (limits from core) and input. */
const orgFields: FieldDef[] = [
  {
    name: 'type',
    label: '组织类型',
    only: 'create',
    rules: [{ required: true, message: '请选择组织类型' }],
    input: ({ childTypes }) => (
      <Select
        options={childTypes.map((t) => ({
          value: t,
          label: `${orgTypeLabels[t]}（${orgStatisticsCodes[t]}）`,
        }))}
        placeholder="选择类型"
      />
    ),
  },
  {
    name: 'name',
    label: '名称',
    rules: [
      { required: true, whitespace: true, message: '请输入名称' },
      { min: limits.orgName.min, message: `至少 ${limits.orgName.min} 个字符` },
      { max: limits.orgName.max, message: `不能超过 ${limits.orgName.max} 个字符` },
    ],
    input: () => <Input maxLength={limits.orgName.max} placeholder="例如：中共某某学院教工第一支部委员会" />,
  },
  {
    name: 'shortName',
    label: '简称',
    rules: [{ max: limits.orgShortName.max, message: `不能超过 ${limits.orgShortName.max} 个字符` }],
    input: () => <Input maxLength={limits.orgShortName.max} placeholder="例如：教工一支部" />,
  },
  {
    name: 'category',
    label: '类别',
    input: () => (
      <Select
        allowClear
        placeholder="教工 / 学生 / 机关 / 离退休 / 师生联合"
        options={orgCategories.map((c) => ({ value: c, label: orgCategoryLabels[c] }))}
      />
    ),
  },
  {
    name: 'unitId',
    label: '所属单位',
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
  {
    name: 'majorIds',
    label: '依托专业（群）',
    rules: [{ type: 'array', max: 20, message: '最多选择 20 个' }],
    input: ({ majorOptions, loadingRefs }) => (
      <Select
        mode="multiple"
        allowClear
        loading={loadingRefs}
        options={majorOptions}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="支部建在专业上时选择"
      />
    ),
  },
  {
    name: 'code',
    label: '组织代码',
    rules: [
      { max: limits.orgCode.max, message: `不能超过 ${limits.orgCode.max} 个字符` },
      { pattern: /^[0-9A-Za-z-]*$/, message: '只能包含字母、数字和短横线' },
    ],
    input: () => <Input maxLength={limits.orgCode.max} placeholder="党内统计系统中的组织代码" />,
  },
  {
    name: 'foundedOn',
    label: '成立日期',
    input: () => <DatePicker style={{ width: '100%' }} />,
  },
  {
    name: 'sortOrder',
    label: '排序号',
    extra: '同级组织按排序号从小到大排列',
    input: () => <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />,
  },
];

interface OrgFormFieldsProps {
  mode: FieldContext['mode'];
  parentType?: OrgType | undefined;
}

/** The fields of the org form, to be placed inside a FormDrawer. */
export function OrgFormFields({ mode, parentType }: OrgFormFieldsProps) {
  const units = useUnits();
  const majors = useMajors();
  const ctx: FieldContext = {
    mode,
    childTypes: parentType ? allowedChildTypes[parentType] : [],
    unitOptions: (units.data ?? []).map((u) => ({
      value: u.id,
      label: `${u.name}（${unitKindLabels[u.kind]}）`,
    })),
    majorOptions: (majors.data ?? []).map((m) => ({
      value: m.id,
      label: `${m.name}（${majorKindLabels[m.kind]}${m.unitName ? `，${m.unitName}` : ''}）`,
    })),
    loadingRefs: units.isLoading || majors.isLoading,
  };
  return (
    <>
      {orgFields
        .filter((f) => !f.only || f.only === mode)
        .map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={f.rules} extra={f.extra}>
            {f.input(ctx)}
          </Form.Item>
        ))}
    </>
  );
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The form's values for an existing org. */
export function orgToFormValues(org: OrgDetail): OrgFormValues {
  return {
    name: org.name,
    shortName: org.shortName,
    category: org.category,
    unitId: org.unitId,
    majorIds: org.majors.map((m) => m.id),
    code: org.code,
    foundedOn: fromIsoDate(org.foundedOn),
    sortOrder: org.sortOrder,
  };
}

function commonBody(values: OrgFormValues) {
  return {
    name: values.name.trim(),
    shortName: blankToNull(values.shortName),
    category: values.category ?? null,
    unitId: values.unitId ?? null,
    majorIds: values.majorIds ?? [],
    code: blankToNull(values.code),
    foundedOn: toIsoDate(values.foundedOn),
    ...(values.sortOrder == null ? {} : { sortOrder: values.sortOrder }),
  };
}

/** Body of POST /api/orgs for a new child of `parentId`. */
export function toCreateOrgBody(parentId: number, values: OrgFormValues): CreateOrgBody {
  if (!values.type) throw new Error('请选择组织类型');
  return { parentId, type: values.type, ...commonBody(values) };
}

/** Body of PATCH /api/orgs/:id with the version last read. */
export function toUpdateOrgBody(version: number, values: OrgFormValues): UpdateOrgBody {
  return { version, ...commonBody(values) };
}
