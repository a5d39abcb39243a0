import { SearchOutlined } from '@ant-design/icons';
import { auditActionCatalogue, auditGroups, auditQuery, auditTargetTypeLabels } from '@dangjian/core';
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
};

/** Every action, grouped as the auditor thinks of them (登录与账号, 党组织, 党员…). */
const actionOptions = auditGroups.map((group) => ({
  label: group,
  title: group,
  options: auditActionCatalogue
    .filter((a) => a.group === group)
    .map((a) => ({ value: a.action, label: a.label })),
}));
const targetTypeOptions = Object.entries(auditTargetTypeLabels).map(([value, label]) => ({ value, label }));

/** Filter values → query parameters (page reset by the caller). */
export function toAuditFilters(values: AuditFilterValues): Omit<AuditParams, 'page' | 'pageSize'> {
  const [from, to] = values.range ?? [null, null];
  return {
    from: toIsoDate(from) ?? undefined,
    to: toIsoDate(to) ?? undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action || undefined,
    targetType: values.targetType || undefined,
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
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作"
          style={{ width: 200 }}
          options={actionOptions}
        />
      </Form.Item>
      <Form.Item name="targetType" label="对象类型">
        <Select allowClear placeholder="全部" style={{ width: 140 }} options={targetTypeOptions} />
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
