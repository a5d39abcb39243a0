import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type GoLiveSettings,
  goLiveSettingsSchema,
  type RuleId,
  ruleCatalogue,
  ruleIds,
} from '@dangjian/core';
import { App, Button, Card, DatePicker, Form, Select, Skeleton, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { useGoLiveSettings, useSaveGoLiveSettings } from './api';

interface GoLiveValues {
  goLiveDate: Dayjs | null;
  ruleStarts: { ruleId?: RuleId; startsOn?: Dayjs | null }[];
}

const ruleOptions = ruleIds.map((id) => ({ value: id, label: ruleCatalogue[id].title }));

function toValues(s: GoLiveSettings): GoLiveValues {
  return {
    goLiveDate: fromIsoDate(s.goLiveDate),
    ruleStarts: s.ruleStarts.map((r) => ({ ruleId: r.ruleId, startsOn: fromIsoDate(r.startsOn) })),
  };
}

/** 启用日期 and the rules adopted later: nothing is reported for a period that ended before them. */
export function GoLiveCard() {
  const query = useGoLiveSettings();
  const save = useSaveGoLiveSettings();
  const canEdit = useCan()('setting:rule:edit');
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<GoLiveValues>();

  useEffect(() => {
    if (query.data) form.setFieldsValue(toValues(query.data));
  }, [query.data, form]);

  const submit = (values: GoLiveValues) => {
    const parsed = goLiveSettingsSchema.safeParse({
      goLiveDate: toIsoDate(values.goLiveDate) ?? '',
      ruleStarts: (values.ruleStarts ?? []).map((r) => ({
        ruleId: r.ruleId,
        startsOn: toIsoDate(r.startsOn) ?? '',
      })),
    });
    if (!parsed.success) {
      applyFieldErrors(form, parsed.error.issues);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: () => void message.success('启用日期已保存，预警已重新计算'),
      onError: (error) => handleError(error, { form }),
    });
  };

  return (
    <Card title="启用日期" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        启用日期以前结束的月份、季度、学期和年度不再提示组织生活等缺项；单项规则可另设更晚的启用日期（如学校后来才采用的规定）。
        换届逾期、到期未办等当前状态不受影响，即将到期的提醒照常显示。
      </Typography.Paragraph>
      {query.isPending ? <Skeleton active /> : null}
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <Form<GoLiveValues> form={form} layout="vertical" onFinish={submit} disabled={!canEdit}>
          <Form.Item
            name="goLiveDate"
            label="启用日期"
            extra="不能晚于今天"
            rules={[{ required: true, message: '请选择启用日期' }]}
          >
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()} />
          </Form.Item>
          <Form.List name="ruleStarts">
            {(fields, { add, remove }) => (
              <Form.Item label="单项规则的启用日期">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item
                      name={[field.name, 'ruleId']}
                      rules={[{ required: true, message: '请选择规则' }]}
                    >
                      <Select
                        options={ruleOptions}
                        showSearch
                        optionFilterProp="label"
                        placeholder="规则"
                        style={{ width: 320 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'startsOn']}
                      rules={[{ required: true, message: '请选择日期' }]}
                    >
                      <DatePicker placeholder="规则启用日期" />
                    </Form.Item>
                    {canEdit ? (
                      <MinusCircleOutlined aria-label="删除" onClick={() => remove(field.name)} />
                    ) : null}
                  </Space>
                ))}
                {canEdit ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    添加规则
                  </Button>
                ) : null}
              </Form.Item>
            )}
          </Form.List>
          {canEdit ? (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}
