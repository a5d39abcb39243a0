import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreateTermBody,
  limits,
  type OrgType,
  orgTypeLabels,
  postLabels,
  type TeamKind,
  type TeamPost,
  teamKindLabels,
  teamKinds,
  teamPosts,
  termYears,
} from '@dangjian/core';
import { Button, DatePicker, Flex, Form, type FormInstance, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PersonPicker } from '../../components/person-picker';
import { addYears, toIsoDate } from '../../lib/format';

/** Values of the 换届 form: a new term with its leadership team. */
export interface TermFormValues {
  number: number;
  teamKind: TeamKind;
  startDate: Dayjs;
  plannedEndDate: Dayjs;
  electedOn?: Dayjs | null;
  team: { personId: number | null; post: TeamPost }[];
}

/** Most team rows the API accepts (createTermBody: team .max(15); core has no limit constant for it). */
const maxTeamRows = 15;

/** Defaults: next number, today's start, the statutory term length (党委 5 年, 总支/支部 3 年). */
export function defaultTermValues(orgType: OrgType, lastNumber: number): TermFormValues {
  const startDate = dayjs().startOf('day');
  return {
    number: Math.min(lastNumber + 1, limits.termNumber.max),
    teamKind: 'committee',
    startDate,
    plannedEndDate: addYears(startDate, termYears(orgType)),
    electedOn: null,
    team: [{ personId: null, post: 'secretary' }],
  };
}

/**
 * Keeps the planned end at start + statutory years while the user has not set it by hand.
 * Returns whether the planned end has now been edited by hand.
 */
export function syncPlannedEnd(
  changed: Partial<TermFormValues>,
  form: FormInstance<TermFormValues>,
  orgType: OrgType,
  plannedEdited: boolean,
): boolean {
  if ('plannedEndDate' in changed) return true;
  if (changed.startDate && !plannedEdited) {
    form.setFieldValue('plannedEndDate', addYears(changed.startDate, termYears(orgType)));
  }
  return plannedEdited;
}

/** Body of POST /api/orgs/:id/terms; empty team rows are dropped. */
export function toCreateTermBody(values: TermFormValues): CreateTermBody {
  return {
    number: values.number,
    teamKind: values.teamKind,
    startDate: toIsoDate(values.startDate) ?? '',
    plannedEndDate: toIsoDate(values.plannedEndDate) ?? '',
    electedOn: toIsoDate(values.electedOn),
    team: values.team.flatMap((row) =>
      row.personId === null ? [] : [{ personId: row.personId, post: row.post }],
    ),
  };
}

/** Fields of the 换届 form, placed inside a FormDrawer. */
export function TermFormFields({ orgId, orgType }: { orgId: number; orgType: OrgType }) {
  return (
    <>
      <Typography.Paragraph type="secondary">
        录入新一届后，原在任届次于新一届开始日期的前一天结束。{orgTypeLabels[orgType]}每届任期{' '}
        {termYears(orgType)} 年，计划届满日期按开始日期自动推算，可修改。
      </Typography.Paragraph>
      <Flex gap={12} wrap>
        <Form.Item
          name="number"
          label="届次"
          rules={[{ required: true, message: '请输入届次' }]}
          style={{ minWidth: 120 }}
        >
          <InputNumber
            min={limits.termNumber.min}
            max={limits.termNumber.max}
            precision={0}
            prefix="第"
            suffix="届"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="teamKind"
          label="班子形式"
          rules={[{ required: true, message: '请选择班子形式' }]}
          style={{ flex: 1, minWidth: 200 }}
        >
          <Select options={teamKinds.map((k) => ({ value: k, label: teamKindLabels[k] }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="startDate"
          label="开始日期"
          rules={[{ required: true, message: '请选择开始日期' }]}
          style={{ flex: 1, minWidth: 150 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="plannedEndDate"
          label="计划届满日期"
          dependencies={['startDate']}
          rules={[
            { required: true, message: '请选择计划届满日期' },
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null | undefined) => {
                const start: Dayjs | undefined = getFieldValue('startDate');
                if (value && start && !value.isAfter(start, 'day'))
                  throw new Error('届满日期必须晚于开始日期');
              },
            }),
          ]}
          style={{ flex: 1, minWidth: 150 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="electedOn" label="选举日期" style={{ flex: 1, minWidth: 150 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.List name="team">
        {(fields, { add, remove }) => (
          <div>
            <Typography.Text strong>班子成员</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
              只有正式党员可以当选；书记、副书记须经上级党组织批准。
            </Typography.Paragraph>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" wrap={false}>
                <Form.Item
                  name={[field.name, 'personId']}
                  rules={[{ required: true, message: '请选择人员' }]}
                  style={{ flex: 1, minWidth: 0 }}
                >
                  <PersonPicker orgId={orgId} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'post']}
                  rules={[{ required: true, message: '请选择职务' }]}
                  style={{ width: 120 }}
                >
                  <Select options={teamPosts.map((p) => ({ value: p, label: postLabels[p] }))} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label="删除此行"
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={fields.length >= maxTeamRows}
              onClick={() =>
                add({ personId: null, post: fields.length === 0 ? 'secretary' : 'committee_member' })
              }
            >
              添加班子成员
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}
