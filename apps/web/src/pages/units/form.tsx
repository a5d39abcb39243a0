import {
  limits,
  type MajorKind,
  majorKindLabels,
  majorKinds,
  type UnitKind,
  unitKindLabels,
  unitKinds,
} from '@dangjian/core';
import { Form, type FormRule, Input, InputNumber, Select } from 'antd';
import { useUnits } from './api';

/** Values of the unit form. */
export interface UnitFormValues {
  name: string;
  kind: UnitKind;
  sortOrder?: number | null;
  studentCount?: number | null;
  staffCount?: number | null;
}

/** Values of the major form. */
export interface MajorFormValues {
  name: string;
  kind: MajorKind;
  unitId: number | null;
}

const nameRules: FormRule[] = [
  { required: true, whitespace: true, message: '请输入名称' },
  { min: 2, message: '至少 2 个字符' },
  { max: limits.orgName.max, message: `不能超过 ${limits.orgName.max} 个字符` },
];

/** Fields of the unit form. */
export function UnitFormFields() {
  return (
    <>
      <Form.Item name="name" label="名称" rules={nameRules}>
        <Input maxLength={limits.orgName.max} placeholder="例如：智能制造学院" />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select options={unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序号">
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="studentCount" label="学生数" extra="用于统计入党申请人占学生的比例，未知可留空">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="staffCount" label="教职工数" extra="用于统计入党申请人占教职工的比例，未知可留空">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

/** Fields of the major form. */
export function MajorFormFields() {
  const units = useUnits();
  return (
    <>
      <Form.Item name="name" label="名称" rules={nameRules}>
        <Input maxLength={limits.orgName.max} placeholder="例如：工业机器人技术" />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select options={majorKinds.map((k) => ({ value: k, label: majorKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="unitId" label="所属单位">
        <Select
          allowClear
          loading={units.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
    </>
  );
}
