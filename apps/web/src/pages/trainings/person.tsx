import { trainingLimits } from '@dangjian/core';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { useMe } from '../../lib/auth';
import { todayIso, toIsoDate } from '../../lib/format';
import { positiveInt } from '../../lib/list-params';
import { useCreateExternal, usePersonHours, useUploadCertificate } from './api';
import { PersonHoursView } from './hours-view';

interface ExternalForm {
  title: string;
  organiser: string;
  range: [Dayjs, Dayjs];
  hours: number;
  certificateNo?: string;
}

/** One member's 学时 of a year with its sources (opened from the 学时 list or a 待办). */
export function PersonTrainingHoursPage() {
  const personId = positiveInt(useParams().personId ?? null, 0);
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const hours = usePersonHours(personId, year);
  const can = useCan();
  const create = useCreateExternal();
  const [open, setOpen] = useState(false);
  const me = useMe();
  const upload = useUploadCertificate();
  return (
    <PageContainer
      title={hours.data ? `${hours.data.name}的学时` : '人员学时'}
      extra={
        can('training:course:manage') ? <Button onClick={() => setOpen(true)}>录入外部培训</Button> : null
      }
    >
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        <Select<number>
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          aria-label="年份"
          style={{ width: 120 }}
        />
        {hours.isError ? <QueryError error={hours.error} onRetry={() => void hours.refetch()} /> : null}
        {hours.isPending ? <Skeleton active /> : null}
        {hours.data ? (
          <PersonHoursView
            hours={hours.data}
            onUpload={
              can('training:course:manage') && me
                ? (id, file) => upload.mutateAsync({ id, file, csrfToken: me.csrfToken })
                : undefined
            }
          />
        ) : null}
      </Flex>
      <FormModal<ExternalForm>
        title="录入外部培训"
        open={open}
        onClose={() => setOpen(false)}
        successMessage="已录入外部培训"
        onSubmit={(v) =>
          create.mutateAsync({
            personId,
            title: v.title,
            organiser: v.organiser,
            startsOn: toIsoDate(v.range[0])!,
            endsOn: toIsoDate(v.range[1])!,
            hours: v.hours,
            certificateNo: v.certificateNo?.trim() || null,
          })
        }
      >
        <Form.Item name="title" label="培训名称" rules={[{ required: true, min: trainingLimits.title.min }]}>
          <Input maxLength={trainingLimits.title.max} />
        </Form.Item>
        <Form.Item
          name="organiser"
          label="举办单位"
          rules={[{ required: true, min: trainingLimits.organiser.min }]}
        >
          <Input maxLength={trainingLimits.organiser.max} />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={trainingLimits.hours.max} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="certificateNo" label="证书编号">
          <Input maxLength={trainingLimits.certificateNo.max} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          有证书编号可查证的只填编号；没有的，录入后上传证书文件，学时在证明齐全后计入。
        </Typography.Paragraph>
      </FormModal>
    </PageContainer>
  );
}
