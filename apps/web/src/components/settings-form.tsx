import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  InputNumber,
  Switch,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { z } from 'zod';

type SettingValue = number | boolean;

/** One setting as the form needs it, described from its zod schema (bounds included). */
export interface SettingField {
  name: string;
  label: string;
  type: 'number' | 'boolean';
  min: number | undefined;
  max: number | undefined;
  defaultValue: SettingValue | undefined;
}

/**
 * Reads each setting's type and bounds from the shared zod schema, so that the form's limits are
 * the API's limits (zod 4 number schemas expose `minValue` / `maxValue`).
 */
export function describeSettings(
  shape: Readonly<Record<string, z.ZodType>>,
  labels: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, SettingValue>>,
): SettingField[] {
  return Object.entries(shape).map(([name, schema]) => {
    const isNumber = schema instanceof z.ZodNumber;
    return {
      name,
      label: labels[name] ?? name,
      type: isNumber ? 'number' : 'boolean',
      min: isNumber ? (schema.minValue ?? undefined) : undefined,
      max: isNumber ? (schema.maxValue ?? undefined) : undefined,
      defaultValue: defaults[name],
    };
  });
}

function rangeText(field: SettingField): string {
  const parts: string[] = [];
  if (field.min !== undefined && field.max !== undefined) parts.push(`允许 ${field.min}–${field.max}`);
  else if (field.min !== undefined) parts.push(`不小于 ${field.min}`);
  else if (field.max !== undefined) parts.push(`不大于 ${field.max}`);
  if (field.defaultValue !== undefined) {
    parts.push(
      `默认 ${typeof field.defaultValue === 'boolean' ? (field.defaultValue ? '是' : '否') : field.defaultValue}`,
    );
  }
  return parts.join('，');
}

function displayValue(value: SettingValue | undefined): ReactNode {
  if (value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value;
}

interface SettingsFormProps<T extends Record<string, SettingValue>> {
  title: string;
  fields: SettingField[];
  values: T;
  canEdit: boolean;
  saving: boolean;
  form: FormInstance<T>;
  onSave: (values: T) => void;
  /** Explanation above the form. */
  note?: ReactNode;
}

/** A settings page body: read-only descriptions, or a form with bounded inputs for editors. */
export function SettingsForm<T extends Record<string, SettingValue>>({
  title,
  fields,
  values,
  canEdit,
  saving,
  form,
  onSave,
  note,
}: SettingsFormProps<T>) {
  return (
    <Card title={title}>
      {note ? <div style={{ marginBottom: 16 }}>{note}</div> : null}
      {canEdit ? (
        <Form<T>
          form={form}
          layout="vertical"
          initialValues={values}
          onFinish={onSave}
          style={{ maxWidth: 560 }}
        >
          {fields.map((field) =>
            field.type === 'boolean' ? (
              <Form.Item
                key={field.name}
                name={field.name}
                label={field.label}
                valuePropName="checked"
                extra={rangeText(field)}
              >
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            ) : (
              <Form.Item
                key={field.name}
                name={field.name}
                label={field.label}
                extra={rangeText(field)}
                rules={[
                  { required: true, message: `请输入${field.label}` },
                  {
                    type: 'integer',
                    min: field.min,
                    max: field.max,
                    message: rangeText(field) ? `${field.label}：${rangeText(field)}` : '请输入整数',
                  },
                ]}
              >
                <InputNumber min={field.min} max={field.max} precision={0} style={{ width: 200 }} />
              </Form.Item>
            ),
          )}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
            <Button onClick={() => form.resetFields()} disabled={saving}>
              撤销修改
            </Button>
          </Flex>
        </Form>
      ) : (
        <>
          <Alert type="info" showIcon title="您可以查看设置，但没有修改权限。" style={{ marginBottom: 16 }} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={fields.map((field) => ({
              key: field.name,
              label: field.label,
              children: (
                <span>
                  {displayValue(values[field.name])}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                    {rangeText(field)}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
