import { SearchOutlined } from '@ant-design/icons';
import { auditQuery } from '@dangjian/core';
import { Button, DatePicker, Flex, Form, type FormInstance, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { toIsoDate } from '../../lib/format';
import type { AuditParams } from './api';
import { outcomeLabels } from './columns';

/** Values of the audit filter form. */
export interface AuditFilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  targetType?: string;
  outcome?: 'success' | 'failure';
}

// Input lengths come from the API's query schema.
const maxLength = {
  actor: auditQuery.shape.actor.unwrap().maxLength ?? undefined,
  action: auditQuery.shape.action.unwrap().maxLength ?? undefined,
  targetType: auditQuery.shape.targetType.unwrap().maxLength ?? undefined,
};

/** Filter values → query parameters (page reset by the caller). */
export function toAuditFilters(values: AuditFilterValues): Omit<AuditParams, 'page' | 'pageSize'> {
  const [from, to] = values.range ?? [null, null];
  return {
    from: toIsoDate(from) ?? undefined,
    to: toIsoDate(to) ?? undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    targetType: values.targetType?.trim() || undefined,
    outcome: values.outcome,
  };
}

interface AuditFilterFormProps {
  form: FormInstance<AuditFilterValues>;
  onSearch: (values: AuditFilterValues) => void;
  onReset: () => void;
}

/** The audit log's search form. */
export function AuditFilterForm({ form, onSearch, onReset }: AuditFilterFormProps) {
  return (
    <Form<AuditFilterValues> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 8 }}>
      <Form.Item name="range" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="actor" label="操作人">
        <Input allowClear maxLength={maxLength.actor} placeholder="用户名或姓名" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <Input allowClear maxLength={maxLength.action} placeholder="如 org.update" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="targetType" label="对象类型">
        <Input
          allowClear
          maxLength={maxLength.targetType}
          placeholder="如 org、user"
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item name="outcome" label="结果">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 100 }}
          options={(['success', 'failure'] as const).map((o) => ({ value: o, label: outcomeLabels[o] }))}
        />
      </Form.Item>
      <Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onReset();
            }}
          >
            重置
          </Button>
        </Flex>
      </Form.Item>
    </Form>
  );
}
