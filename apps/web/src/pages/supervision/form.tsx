import {
  type ActivityDetail,
  type CreateSupervisedTaskBody,
  type OrgListItem,
  type ProgressReportCadence,
  progressReportCadenceLabels,
  progressReportCadences,
  supervisedTaskLimits,
  supervisionSourceLabel,
} from '@dangjian/core';
import { Button, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { useCan } from '../../lib/access';
import { fromIsoDate, toIsoDate } from '../../lib/format';
import { subtreeIds } from '../../lib/org-tree';
import { useOrgList } from '../orgs/api';
import { supervisedTaskPath, useCreateSupervisedTask } from './api';

export interface TaskFormValues {
  title: string;
  content?: string;
  leadOrgId: number;
  assistingOrgIds: number[];
  deadline: Dayjs | null;
  cadence: ProgressReportCadence;
}

/** The orgs a task of `issuerOrgId` may go to: 总支 and 支部 below it, not archived. */
export function useUnitsBelow(issuerOrgId: number | null) {
  const orgs = useOrgList();
  return useMemo(() => {
    const all: readonly OrgListItem[] = orgs.data ?? [];
    if (issuerOrgId === null) return [];
    const below = subtreeIds(all, issuerOrgId);
    return all
      .filter((o) => o.id !== issuerOrgId && below.has(o.id) && o.type !== 'group')
      .map((o) => ({ value: o.id, label: o.name }));
  }, [orgs.data, issuerOrgId]);
}

/** The fields of a task: the decision's title and requirements, units, deadline and cadence. */
export function TaskFields({ units }: { units: { value: number; label: string }[] }) {
  return (
    <>
      <Form.Item
        name="title"
        label="督办事项"
        rules={[{ required: true, whitespace: true, message: '请填写督办事项' }]}
      >
        <Input maxLength={supervisedTaskLimits.title.max} showCount />
      </Form.Item>
      <Form.Item name="content" label="督办要求">
        <Input.TextArea rows={4} maxLength={supervisedTaskLimits.content.max} showCount />
      </Form.Item>
      <Form.Item name="leadOrgId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
        <Select showSearch optionFilterProp="label" options={units} placeholder="由其书记签收办理" />
      </Form.Item>
      <Form.Item name="assistingOrgIds" label="协办单位">
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={units}
          maxCount={supervisedTaskLimits.assistingOrgs.max}
        />
      </Form.Item>
      <Form.Item name="deadline" label="办结期限" rules={[{ required: true, message: '请选择办结期限' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="cadence" label="进展报告" rules={[{ required: true }]}>
        <Select
          options={progressReportCadences.map((c) => ({ value: c, label: progressReportCadenceLabels[c] }))}
        />
      </Form.Item>
    </>
  );
}

/** The form's values as the API's fields. */
export const toTaskFields = (v: TaskFormValues) => ({
  title: v.title.trim(),
  content: v.content?.trim() ? v.content.trim() : null,
  leadOrgId: v.leadOrgId,
  assistingOrgIds: v.assistingOrgIds ?? [],
  deadline: toIsoDate(v.deadline) ?? '',
  cadence: v.cadence,
});

/**
 * 转为督办: the create form, prefilled from one decision of a 党委会 / 党务工作例会 / 党政联席会 record (its title and
 * content);
 * on success it opens the new task.
 */
export function CreateTaskDrawer({
  record,
  resolution,
  open,
  onClose,
}: {
  record: Pick<ActivityDetail, 'id' | 'title' | 'org'>;
  resolution: { id: number; title: string; content: string | null } | null;
  open: boolean;
  onClose: () => void;
}) {
  const create = useCreateSupervisedTask();
  const navigate = useNavigate();
  const units = useUnitsBelow(record.org.id);
  return (
    <FormDrawer<TaskFormValues>
      title="转为督办事项"
      open={open}
      onClose={onClose}
      initialValues={{
        title: (resolution?.title ?? '').slice(0, supervisedTaskLimits.title.max),
        content: resolution?.content ?? '',
        assistingOrgIds: [],
        deadline: fromIsoDate(null),
        cadence: 'monthly',
      }}
      onSubmit={async (values) => {
        const body: CreateSupervisedTaskBody = {
          activityId: record.id,
          resolutionId: resolution?.id ?? null,
          ...toTaskFields(values),
        };
        const task = await create.mutateAsync(body);
        navigate(supervisedTaskPath(task.id));
      }}
      successMessage="已交办督办事项"
      okText="交办"
      width={600}
    >
      <Typography.Paragraph type="secondary">
        {record.org.name}“{record.title}”的议定事项交牵头单位办理：牵头单位书记签收、按期报告进展，办结后由
        {record.org.name}确认。
      </Typography.Paragraph>
      <TaskFields units={units} />
    </FormDrawer>
  );
}

/**
 * 转为督办 on a resolution of a 党委会 / 党务工作例会 / 党政联席会 record (held or archived) for those who issue tasks; the
 * server checks the same (the record's org must be in the user's scope).
 */
export function ToSupervisionButton({
  record,
  resolution,
}: {
  record: Pick<ActivityDetail, 'id' | 'title' | 'org' | 'kind' | 'status'>;
  resolution: { id: number; title: string; content: string | null; outcome: string };
}) {
  const can = useCan();
  const orgs = useOrgList();
  const [open, setOpen] = useState(false);
  const orgType = orgs.data?.find((o) => o.id === record.org.id)?.type;
  const shown =
    can('supervision:task:assign') &&
    orgType !== undefined &&
    supervisionSourceLabel(record.kind, orgType) !== null &&
    (record.status === 'held' || record.status === 'closed') &&
    resolution.outcome !== 'failed';
  if (!shown) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`将“${resolution.title}”转为督办`}>
        转为督办
      </Button>
      {open ? (
        <CreateTaskDrawer record={record} resolution={resolution} open onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
