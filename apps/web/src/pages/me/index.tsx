import { EditOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  type CorrectableField,
  type Correction,
  type CreateCorrectionBody,
  checkMemberRecord,
  correctableFields,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  genderLabels,
  genders,
  impliedBirthAndGender,
  limits,
  type MemberDetail,
  type MemberProblem,
  type MemberRecord,
  memberCategoryLabels,
  memberFieldLabels,
  postLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  type FormRule,
  Input,
  Radio,
  Result,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { FormDrawer } from '../../components/form-dialog';
import { PageTitle } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { useCreateCorrection, useMyMemberRecord, useWithdrawCorrection } from '../members/api';
import {
  ChangeList,
  formatMemberValue,
  MemberStatusTag,
  memberOrgText,
  memberRecordItems,
  PartyStatusTag,
} from '../members/columns';
import { CorrectionStatusTag, DecisionText } from '../members/corrections';
import { detailToRecord } from '../members/form';

type CorrectionValue = string | Dayjs | null;

/** Values of the correction form: which fields, their new values, and why. */
interface CorrectionFormValues {
  fields: CorrectableField[];
  changes: Partial<Record<CorrectableField, CorrectionValue>>;
  reason: string;
}

const dateFields = new Set<CorrectableField>(['birthDate', 'joinedOn', 'confirmedOn']);

/** The input for one correctable field. */
function fieldInput(field: CorrectableField): ReactNode {
  switch (field) {
    case 'gender':
      return <Radio.Group options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />;
    case 'ethnicity':
      return (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={ethnicities.map((e) => ({ value: e, label: ethnicityLabels[e] }))}
        />
      );
    case 'education':
      return <Select options={educationLevels.map((e) => ({ value: e, label: educationLabels[e] }))} />;
    case 'birthDate':
    case 'joinedOn':
    case 'confirmedOn':
      return <DatePicker style={{ width: '100%' }} inputReadOnly />;
    case 'idNumber':
      return <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />;
    case 'phone':
      return <Input maxLength={20} inputMode="tel" autoComplete="off" />;
    case 'grade':
      return <Input maxLength={4} inputMode="numeric" placeholder="入学年份，如 2024" />;
    default:
      return <Input maxLength={field === 'name' ? limits.personName.max : limits.memberText.max} />;
  }
}

/** Form value → the value the API takes (dates as 'YYYY-MM-DD', blank text as null). */
function toApiValue(field: CorrectableField, value: CorrectionValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return dateFields.has(field) ? toIsoDate(value) : null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Current value of a field as the form starts it. */
function currentValue(record: MemberRecord, field: CorrectableField): CorrectionValue {
  const value = record[field];
  if (dateFields.has(field)) return fromIsoDate(typeof value === 'string' ? value : null);
  return typeof value === 'string' ? value : null;
}

function toCorrectionChanges(values: CorrectionFormValues): CreateCorrectionBody['changes'] {
  return Object.fromEntries(
    (values.fields ?? []).map((f) => [f, toApiValue(f, values.changes?.[f])]),
  ) as CreateCorrectionBody['changes'];
}

/**
 * Problems the requested change would add to the record, as the server checks them (problems the
 * record already had do not block a correction).
 */
function newProblems(before: MemberRecord, values: CorrectionFormValues): MemberProblem[] {
  const today = todayIso();
  const after = { ...before, ...toCorrectionChanges(values) } as MemberRecord;
  const implied = impliedBirthAndGender(after);
  const completed = {
    ...after,
    birthDate: after.birthDate ?? implied.birthDate,
    gender: after.gender ?? implied.gender,
  };
  const existing = new Set(checkMemberRecord(before, today).map((p) => p.message));
  return checkMemberRecord(completed, today).filter((p) => !existing.has(p.message));
}

function CorrectionFields({ member }: { member: MemberDetail }) {
  const form = Form.useFormInstance<CorrectionFormValues>();
  const fields: CorrectableField[] = Form.useWatch('fields', form) ?? [];
  const before = detailToRecord(member);

  const ruleFor =
    (field: CorrectableField): FormRule =>
    ({ getFieldsValue }) => ({
      validator: async () => {
        const values = getFieldsValue(true) as CorrectionFormValues;
        const next = toApiValue(field, values.changes?.[field]);
        if (next === (before[field] ?? null)) throw new Error(`${memberFieldLabels[field]}：与现有信息相同`);
        const messages = newProblems(before, values)
          .filter((p) => p.path === field)
          .map((p) => p.message);
        if (messages.length > 0) throw new Error(messages.join('；'));
      },
    });

  return (
    <>
      <Form.Item
        name="fields"
        label="要更正的项目"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项' }]}
      >
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 6 }}
          options={correctableFields.map((f) => ({ value: f, label: memberFieldLabels[f] }))}
          onChange={(next) => {
            // Start each newly chosen field from its current value.
            for (const f of next) {
              if (form.getFieldValue(['changes', f]) === undefined)
                form.setFieldValue(['changes', f], currentValue(before, f));
            }
          }}
        />
      </Form.Item>
      {correctableFields
        .filter((f) => fields.includes(f))
        .map((f) => (
          <Form.Item
            key={f}
            name={['changes', f]}
            label={`${memberFieldLabels[f]}（更正为）`}
            rules={[ruleFor(f)]}
            extra={`现为：${formatMemberValue(f, before[f])}`}
          >
            {fieldInput(f)}
          </Form.Item>
        ))}
      <Form.Item
        name="reason"
        label="更正理由"
        rules={[
          { required: true, whitespace: true, message: '请说明更正理由' },
          { min: 2, message: '至少 2 个字符' },
          { max: limits.note.max, message: `不能超过 ${limits.note.max} 个字符` },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={limits.note.max}
          showCount
          placeholder="如 身份证号录入有误，以身份证原件为准"
        />
      </Form.Item>
    </>
  );
}

function CorrectionCard({ c, onWithdraw }: { c: Correction; onWithdraw: () => void }) {
  return (
    <Card
      size="small"
      title={formatDateTime(c.requestedAt)}
      extra={<CorrectionStatusTag status={c.status} />}
    >
      <Flex vertical gap={6}>
        <ChangeList changes={c.changes} />
        <Typography.Text type="secondary">理由：{c.reason}</Typography.Text>
        {c.decidedAt ? <DecisionText c={c} /> : null}
        {c.status === 'pending' ? (
          <div>
            <Button size="small" icon={<RollbackOutlined />} onClick={onWithdraw}>
              撤回
            </Button>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 我的党员信息: a member's own record on a phone, with requests to correct it. */
export function MyMemberPage() {
  const record = useMyMemberRecord();
  const create = useCreateCorrection();
  const withdraw = useWithdrawCorrection();
  const handleError = useErrorHandler();
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);

  if (record.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (record.isError) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  const { member, corrections } = record.data;
  if (!member) {
    return (
      <Result
        status="info"
        title="您的账号尚未关联党员档案"
        subTitle="如需查看本人党员信息，请联系所在党支部书记或组织部关联账号。"
      />
    );
  }

  const confirmWithdraw = (c: Correction) =>
    modal.confirm({
      title: '撤回这条更正申请？',
      okText: '撤回',
      onOk: async () => {
        try {
          await withdraw.mutateAsync(c.id);
          message.success('已撤回');
        } catch (error) {
          handleError(error);
        }
      },
    });

  const currentPosts = member.postHistory.filter((p) => p.endDate === null);
  const hasPending = corrections.some((c) => c.status === 'pending');

  return (
    <Flex vertical gap={12} style={{ maxWidth: 820, margin: '0 auto' }}>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex vertical gap={6}>
          <Flex align="center" gap={8} wrap>
            <PageTitle>{member.name}</PageTitle>
            <PartyStatusTag status={member.partyStatus} />
            <Tag>{memberCategoryLabels[member.category]}</Tag>
            <MemberStatusTag status={member.status} />
          </Flex>
          <Typography.Text type="secondary">{memberOrgText(member)}</Typography.Text>
          <Typography.Text type="secondary">
            入党 {formatDate(member.joinedOn)}
            {member.partyStatus === 'full' ? ` · 党龄 ${member.partyYears} 年` : ' · 预备期'}
          </Typography.Text>
          {currentPosts.length > 0 ? (
            <Flex gap={4} wrap>
              {currentPosts.map((p) => (
                <Tag key={p.appointmentId} color="volcano">
                  {p.orgName}
                  {postLabels[p.post]}
                </Tag>
              ))}
            </Flex>
          ) : null}
          <Button
            type="primary"
            block
            icon={<EditOutlined />}
            onClick={() => setOpen(true)}
            style={{ marginTop: 8 }}
          >
            申请更正
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            信息有误时可申请更正，由所在党支部书记审核后生效。
          </Typography.Text>
        </Flex>
      </Card>

      {memberRecordItems(member, false).map((group) => (
        <Card key={group.title} size="small" title={group.title}>
          <Descriptions size="small" column={1} items={group.items} />
        </Card>
      ))}

      <Card size="small" title="我的更正申请" extra={hasPending ? <Tag color="gold">有待审核</Tag> : null}>
        {corrections.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无更正申请" />
        ) : (
          <Flex vertical gap={8}>
            {corrections.map((c) => (
              <CorrectionCard key={c.id} c={c} onWithdraw={() => confirmWithdraw(c)} />
            ))}
          </Flex>
        )}
      </Card>

      <FormDrawer<CorrectionFormValues>
        title="申请更正本人信息"
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ fields: [], changes: {}, reason: '' }}
        onSubmit={(values) =>
          create.mutateAsync({ changes: toCorrectionChanges(values), reason: values.reason.trim() })
        }
        successMessage="已提交，等待党支部审核"
        okText="提交"
      >
        <CorrectionFields member={member} />
      </FormDrawer>
    </Flex>
  );
}
