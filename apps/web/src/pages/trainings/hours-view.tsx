import { type PersonTrainingHours, trainingClassLabels, trainingHourSourceLabels } from '@dangjian/core';
import { Alert, Button, Card, Descriptions, Flex, List, Tag, Typography, Upload } from 'antd';
import { formatDate } from '../../lib/format';

/**
 * One person's year: the total against the requirement with its clause, the subtotal of each source, and every
 * record it came from (a course not counted says why). Used on the 学时 page and on the phone (我的学时).
 */
export function PersonHoursView({
  hours: h,
  onUpload,
}: {
  hours: PersonTrainingHours;
  /** Offered on external training still waiting for its certificate (those who manage training). */
  onUpload?: ((externalId: number, file: File) => Promise<unknown>) | undefined;
}) {
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex vertical gap={4}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="hours-total">
            {h.year}年已计 {h.total} 学时
          </Typography.Title>
          <Typography.Text type="secondary">
            {h.classes.map((c) => trainingClassLabels[c]).join('、')}
            {h.required !== null ? `：要求不少于 ${h.required} 学时` : ''}
          </Typography.Text>
          {h.short > 0 ? (
            <Alert type="warning" showIcon message={`还差 ${h.short} 学时`} />
          ) : h.required !== null ? (
            <Alert type="success" showIcon message="已达到本年度学时要求" />
          ) : null}
          {h.window ? (
            <Alert
              type={h.window.short > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="hours-window"
              message={`县处级干部 ${h.window.fromYear}—${h.window.toYear}年（近5年）累计 ${h.window.hours} / ${h.window.required} 学时${h.window.short > 0 ? `，还差 ${h.window.short} 学时` : '，已达到'}`}
            />
          ) : null}
          {h.clause ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据：{h.clause.source}
              {h.clause.article}：{h.clause.text}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, sm: 4 }}
        items={(Object.keys(h.bySource) as (keyof typeof h.bySource)[]).map((s) => ({
          key: s,
          label: trainingHourSourceLabels[s],
          children: `${h.bySource[s]} 学时`,
        }))}
      />
      <Card size="small" title="学时来源">
        <List
          dataSource={h.items}
          locale={{ emptyText: '本年度还没有学时记录' }}
          renderItem={(i) => (
            <List.Item data-testid="hours-source">
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <span>
                    <Tag color={i.counted ? 'blue' : 'default'} style={{ marginInlineEnd: 8 }}>
                      {trainingHourSourceLabels[i.source]}
                    </Tag>
                    {i.title}
                  </span>
                  <strong style={{ whiteSpace: 'nowrap' }}>{i.counted ? `${i.hours} 学时` : '不计'}</strong>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(i.onDate)} · {i.organiser}
                  {i.note ? ` · ${i.note}` : ''}
                </Typography.Text>
                {onUpload && i.source === 'external' && !i.counted ? (
                  <Upload
                    accept=".pdf,.png,.jpg,.jpeg"
                    showUploadList={false}
                    customRequest={({ file, onSuccess, onError }) =>
                      void onUpload(i.recordId, file as File).then(
                        () => onSuccess?.({}),
                        (e: unknown) => onError?.(e as Error),
                      )
                    }
                  >
                    <Button size="small">上传证书</Button>
                  </Upload>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
