import {
  type CreateRecruitmentBody,
  type Gender,
  genderLabels,
  genders,
  isBranchType,
  recruitmentFieldLabels as L,
  limits,
  type MemberCategory,
  majorKindLabels,
  memberCategories,
  memberCategoryLabels,
  type OrgListItem,
  parseIdNumber,
  recruitmentLimits,
  recruitmentOutcomeLabels,
  unitKindLabels,
} from '@dangjian/core';
import { DatePicker, Form, type FormInstance, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { useDefaultOrgId } from '../../lib/default-org';
import { todayIso, toIsoDate } from '../../lib/format';
import { useOrgList } from '../orgs/api';
import { useMajors, useUnits } from '../units/api';
import { useCreateRecruitment, useRecruitmentList } from './api';

type ApplicantMode = 'new' | 'existing';

/** Values of the application form; names follow the API so server errors land on the fields. */
interface CreateValues {
  orgId: number | null;
  mode: ApplicantMode;
  personId: number | null;
  applicant: {
    name: string;
    gender: Gender | null;
    idNumber: string;
    phone?: string;
    category: MemberCategory;
    unitId?: number | null;
    majorId?: number | null;
    grade?: string;
    className?: string;
    position?: string;
  };
  appliedOn: Dayjs | null;
  leavesOn: Dayjs | null;
  note?: string;
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function toBody(v: CreateValues): CreateRecruitmentBody {
  const a = v.applicant;
  const isStudent = a?.category === 'student';
  return {
    orgId: v.orgId ?? 0,
    personId: v.mode === 'existing' ? v.personId : null,
    applicant:
      v.mode === 'new'
        ? {
            name: a.name.trim(),
            gender: a.gender ?? 'male',
            idNumber: a.idNumber,
            phone: blankToNull(a.phone),
            category: a.category,
            unitId: a.unitId ?? null,
            majorId: isStudent ? (a.majorId ?? null) : null,
            grade: isStudent ? blankToNull(a.grade) : null,
            className: isStudent ? blankToNull(a.className) : null,
            position: isStudent ? null : blankToNull(a.position),
          }
        : null,
    appliedOn: toIsoDate(v.appliedOn) ?? '',
    leavesOn: toIsoDate(v.leavesOn),
    note: blankToNull(v.note),
  };
}

/** Applicants seen before whose last dossier was closed without admission (they may apply again). */
function PreviousApplicantPicker({
  value,
  onChange,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
}) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [input]);
  const list = useRecruitmentList({ outcome: 'all', q: q || undefined, page: 1, pageSize: 20 }, q.length > 0);
  const people = (list.data?.items ?? []).filter(
    (d) => d.outcome === 'withdrawn' || d.outcome === 'not_admitted' || d.outcome === 'revoked',
  );
  return (
    <Select<number | undefined>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      loading={list.isFetching}
      placeholder="输入姓名搜索曾经申请过的人员"
      notFoundContent={q ? '没有找到可重新申请的人员' : '请输入姓名'}
      options={people.map((d) => ({
        value: d.person.id,
        label: `${d.person.name}（${d.org.name}，${recruitmentOutcomeLabels[d.outcome]}）`,
      }))}
    />
  );
}

const isBranch = (org: OrgListItem) => !org.archived && isBranchType(org.type);

function ApplicantFields() {
  const form = Form.useFormInstance<CreateValues>();
  const category: MemberCategory = Form.useWatch(['applicant', 'category'], form) ?? 'student';
  const units = useUnits();
  const majors = useMajors();
  const isStudent = category === 'student';
  const text = (max: number, label: string) => [{ max, message: `${label}不能超过 ${max} 个字` }];
  return (
    <>
      <Form.Item
        name={['applicant', 'name']}
        label={L.name}
        rules={[
          { required: true, whitespace: true, message: '请填写姓名' },
          ...text(limits.personName.max, '姓名'),
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'idNumber']}
        label={L.idNumber}
        extra="填写后自动带出性别；出生日期由身份证号得出，申请时须年满18周岁"
        rules={[
          { required: true, whitespace: true, message: '请填写身份证号' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value?.trim()) return;
              const r = parseIdNumber(value, todayIso());
              if (!r.ok) throw new Error(`身份证号：${r.message}`);
            },
          },
        ]}
      >
        <Input
          maxLength={18}
          autoComplete="off"
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => {
            const r = parseIdNumber(e.target.value, todayIso());
            if (r.ok) form.setFieldValue(['applicant', 'gender'], r.facts.gender);
          }}
        />
      </Form.Item>
      <Form.Item
        name={['applicant', 'gender']}
        label={L.gender}
        rules={[{ required: true, message: '请选择性别' }]}
      >
        <Radio.Group options={genders.map((g) => ({ value: g, label: genderLabels[g] }))} />
      </Form.Item>
      <Form.Item name={['applicant', 'phone']} label={L.phone} rules={text(20, '联系电话')}>
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'category']}
        label={L.category}
        rules={[{ required: true, message: '请选择人员类别' }]}
      >
        <Radio.Group
          optionType="button"
          options={memberCategories
            .filter((c) => c !== 'retired')
            .map((c) => ({ value: c, label: memberCategoryLabels[c] }))}
        />
      </Form.Item>
      <Form.Item name={['applicant', 'unitId']} label={L.unitId}>
        <Select
          allowClear
          loading={units.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="二级学院 / 部门"
          options={(units.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.name}（${unitKindLabels[u.kind]}）`,
          }))}
        />
      </Form.Item>
      {isStudent ? (
        <>
          <Form.Item name={['applicant', 'majorId']} label={L.majorId}>
            <Select
              allowClear
              loading={majors.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(majors.data ?? []).map((m) => ({
                value: m.id,
                label: `${m.name}（${majorKindLabels[m.kind]}${m.unitName ? `，${m.unitName}` : ''}）`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name={['applicant', 'grade']}
            label={L.grade}
            rules={[{ pattern: /^\d{4}$/, message: '年级：请填写入学年份，如 2024' }]}
          >
            <Input maxLength={4} inputMode="numeric" placeholder="入学年份，如 2024" />
          </Form.Item>
          <Form.Item
            name={['applicant', 'className']}
            label={L.className}
            rules={text(limits.memberText.max, '班级')}
          >
            <Input placeholder="如 软件2401班" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name={['applicant', 'position']}
          label={L.position}
          rules={text(limits.memberText.max, '职务')}
        >
          <Input placeholder="如 专任教师、辅导员" />
        </Form.Item>
      )}
    </>
  );
}

function CreateFields() {
  const mode: ApplicantMode = Form.useWatch('mode') ?? 'new';
  return (
    <>
      <Form.Item name="orgId" label={L.orgId} rules={[{ required: true, message: '请选择党支部' }]}>
        <OrgPicker isSelectable={isBranch} placeholder="接收申请的党支部" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="mode" label="申请人">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'new', label: '新申请人' },
            { value: 'existing', label: '曾经申请过的人员' },
          ]}
        />
      </Form.Item>
      {mode === 'existing' ? (
        <Form.Item
          name="personId"
          label={L.personId}
          extra="此前的申请已撤回、未获批准或被取消预备党员资格的人员"
          rules={[{ required: true, message: '请选择人员' }]}
        >
          <PreviousApplicantPicker />
        </Form.Item>
      ) : (
        <ApplicantFields />
      )}
      <Form.Item name="appliedOn" label={L.appliedOn} rules={[{ required: true, message: '请选择申请日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name="leavesOn"
        label={L.leavesOn}
        extra="学生填写预计毕业离校日期；3个月内离校的一般不予接收"
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="note"
        label={L.note}
        rules={[{ max: recruitmentLimits.note.max, message: '备注过长' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Typography.Text type="secondary">
        保存后即登记第1步“递交入党申请书”，可在档案中上传申请书。
      </Typography.Text>
    </>
  );
}

/** 新增入党申请: opens a dossier (step 1) for a new applicant or one who applies again. */
export function CreateRecruitmentDrawer({
  open,
  onClose,
  defaultOrgId,
}: {
  open: boolean;
  onClose: () => void;
  defaultOrgId: number | null;
}) {
  const create = useCreateRecruitment();
  const navigate = useNavigate();
  const orgs = useOrgList(false);
  // A branch secretary has one branch to choose: start with it (or with the list's branch filter).
  const branches = (orgs.data ?? []).filter(isBranch);
  const fallback = useDefaultOrgId(isBranch);
  const orgId = branches.some((o) => o.id === defaultOrgId) ? defaultOrgId : fallback.orgId;
  const onValuesChange = (
    changed: Partial<CreateValues>,
    _all: CreateValues,
    form: FormInstance<CreateValues>,
  ) => {
    if (changed.mode === 'existing') form.setFieldValue('applicant', undefined);
  };
  return (
    <FormDrawer<CreateValues>
      title="新增入党申请"
      // The branch is preset from the org list: open once it has loaded, so the preset is not missed.
      open={open && orgs.data !== undefined}
      onClose={onClose}
      initialValues={{
        orgId,
        mode: 'new',
        applicant: { name: '', gender: null, idNumber: '', category: 'student' },
        appliedOn: dayjs(),
      }}
      onValuesChange={onValuesChange}
      onSubmit={async (values) => {
        const created = await create.mutateAsync(toBody(values));
        navigate(`/recruitment/${created.id}`);
      }}
      successMessage="已登记入党申请"
      okText="保存"
      width={600}
    >
      <CreateFields />
    </FormDrawer>
  );
}
