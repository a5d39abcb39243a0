import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import {
  type AgeBand,
  ageBandLabels,
  ageBands,
  type EducationLevel,
  type Ethnicity,
  educationLabels,
  educationLevels,
  ethnicities,
  ethnicityLabels,
  type Gender,
  genderLabels,
  genders,
  limits,
  type MemberCategory,
  memberCategories,
  memberCategoryLabels,
  memberFlagLabels,
  memberFlags,
  type PartyStatus,
  type PartyYearsBand,
  type PostCode,
  partyStatuses,
  partyStatusLabels,
  partyYearsBandLabels,
  partyYearsBands,
  postCodes,
  postLabels,
} from '@dangjian/core';
import { Button, Checkbox, Col, DatePicker, Flex, Form, type FormInstance, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { OrgPicker } from '../../components/org-picker';
import { isOneOf } from '../../lib/enums';
import { fromIsoDate, toIsoDate } from '../../lib/format';
import type { MemberListParams } from './api';

/** Yes/no filters offered as check boxes: the three flags and 双带头人. */
const flagFilters = [...memberFlags, 'isDualLeader'] as const;
type FlagFilter = (typeof flagFilters)[number];
const flagFilterLabels = { ...memberFlagLabels, isDualLeader: '双带头人' } as const satisfies Record<
  FlagFilter,
  string
>;

const rosterStatuses = ['active', 'left', 'all'] as const;
type RosterStatus = (typeof rosterStatuses)[number];
const rosterStatusLabels = { active: '在册党员', left: '已离开', all: '全部' } as const satisfies Record<
  RosterStatus,
  string
>;

/** Values of the roster's search form. */
export interface MemberFilterValues {
  q?: string;
  orgId?: number | null;
  category?: MemberCategory;
  partyStatus?: PartyStatus;
  gender?: Gender;
  ethnicity?: Ethnicity;
  education?: EducationLevel;
  ageBand?: AgeBand;
  partyYearsBand?: PartyYearsBand;
  joined?: [Dayjs | null, Dayjs | null] | null;
  flags?: FlagFilter[];
  post?: PostCode;
  status?: RosterStatus;
}

/** The filter part of the roster parameters. */
export type MemberFilterParams = Omit<MemberListParams, 'page' | 'pageSize' | 'sort' | 'order' | 'unmasked'>;

/** Form values → roster filters. */
export function toFilterParams(values: MemberFilterValues): MemberFilterParams {
  const [from, to] = values.joined ?? [null, null];
  const flags = new Set(values.flags ?? []);
  const flag = (f: FlagFilter) => (flags.has(f) ? true : undefined);
  return {
    q: values.q?.trim() || undefined,
    orgId: values.orgId ?? undefined,
    category: values.category,
    partyStatus: values.partyStatus,
    gender: values.gender,
    ethnicity: values.ethnicity,
    education: values.education,
    ageBand: values.ageBand,
    partyYearsBand: values.partyYearsBand,
    joinedFrom: toIsoDate(from) ?? undefined,
    joinedTo: toIsoDate(to) ?? undefined,
    isMobile: flag('isMobile'),
    isAbroad: flag('isAbroad'),
    isInHardship: flag('isInHardship'),
    isDualLeader: flag('isDualLeader'),
    post: values.post,
    status: values.status ?? 'active',
  };
}

/** Roster filters → form values. */
export function toFilterValues(params: MemberListParams): MemberFilterValues {
  return {
    q: params.q ?? '',
    orgId: params.orgId ?? null,
    category: params.category,
    partyStatus: params.partyStatus,
    gender: params.gender,
    ethnicity: isOneOf(ethnicities, params.ethnicity) ? params.ethnicity : undefined,
    education: params.education,
    ageBand: params.ageBand,
    partyYearsBand: params.partyYearsBand,
    joined:
      params.joinedFrom || params.joinedTo
        ? [fromIsoDate(params.joinedFrom), fromIsoDate(params.joinedTo)]
        : null,
    flags: flagFilters.filter((f) => params[f] === true),
    post: params.post,
    status: params.status,
  };
}

/** How many filters beyond the defaults are set (for the phone's 筛选 badge). */
export function countActiveFilters(params: MemberListParams): number {
  const v = toFilterValues(params);
  return (
    [
      v.orgId,
      v.category,
      v.partyStatus,
      v.gender,
      v.ethnicity,
      v.education,
      v.ageBand,
      v.partyYearsBand,
      v.post,
    ].filter((x) => x != null).length +
    (v.joined ? 1 : 0) +
    (v.flags?.length ?? 0) +
    (v.status !== 'active' ? 1 : 0)
  );
}

function options<T extends string>(codes: readonly T[], labels: Record<T, string>) {
  return codes.map((c) => ({ value: c, label: labels[c] }));
}

interface FilterField {
  name: keyof MemberFilterValues;
  label: string;
  /** Shown without expanding the form. */
  primary?: boolean;
  wide?: boolean;
  input: () => ReactNode;
}

const select =
  (opts: { value: string; label: string }[], search = false) =>
  () => (
    <Select
      allowClear
      placeholder="全部"
      options={opts}
      {...(search ? { showSearch: { optionFilterProp: 'label' } } : {})}
    />
  );

/** The roster's search form as data. */
const filterFields: FilterField[] = [
  {
    name: 'q',
    label: '关键字',
    primary: true,
    input: () => <Input allowClear maxLength={limits.search.max} placeholder="姓名、身份证号或电话" />,
  },
  {
    name: 'orgId',
    label: '党组织',
    primary: true,
    input: () => <OrgPicker placeholder="全部（含下级）" style={{ width: '100%' }} />,
  },
  {
    name: 'category',
    label: '人员类别',
    primary: true,
    input: select(options(memberCategories, memberCategoryLabels)),
  },
  {
    name: 'partyStatus',
    label: '党籍状态',
    primary: true,
    input: select(options(partyStatuses, partyStatusLabels)),
  },
  { name: 'gender', label: '性别', input: select(options(genders, genderLabels)) },
  { name: 'ethnicity', label: '民族', input: select(options(ethnicities, ethnicityLabels), true) },
  { name: 'education', label: '学历', input: select(options(educationLevels, educationLabels)) },
  { name: 'ageBand', label: '年龄段', input: select(options(ageBands, ageBandLabels)) },
  { name: 'partyYearsBand', label: '党龄', input: select(options(partyYearsBands, partyYearsBandLabels)) },
  {
    name: 'joined',
    label: '入党日期',
    input: () => <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />,
  },
  { name: 'post', label: '党内职务', input: select(options(postCodes, postLabels)) },
  {
    name: 'status',
    label: '在册状态',
    input: () => <Select options={options(rosterStatuses, rosterStatusLabels)} />,
  },
  {
    name: 'flags',
    label: '标记',
    wide: true,
    input: () => <Checkbox.Group options={options(flagFilters, flagFilterLabels)} />,
  },
];

interface MemberFilterFormProps {
  form: FormInstance<MemberFilterValues>;
  onSearch: (values: MemberFilterValues) => void;
  onReset: () => void;
  /** Show every field (phones' filter drawer, or the form expanded). */
  expanded: boolean;
  /** Toggle between the short and the full form; absent in the drawer. */
  onToggle?: () => void;
  /** Stack the fields (phones). */
  vertical?: boolean;
}

/** The roster's search form: four fields, the rest behind 展开; all of them in the phone drawer. */
export function MemberFilterForm({
  form,
  onSearch,
  onReset,
  expanded,
  onToggle,
  vertical,
}: MemberFilterFormProps) {
  const fields = filterFields.filter((f) => expanded || f.primary);
  return (
    <Form<MemberFilterValues>
      form={form}
      layout={vertical ? 'vertical' : 'horizontal'}
      labelCol={vertical ? undefined : { flex: '80px' }}
      initialValues={{ status: 'active', flags: [] }}
      onFinish={onSearch}
    >
      <Row gutter={16}>
        {fields.map((f) => (
          <Col key={f.name} xs={24} md={f.wide ? 24 : 12} xl={f.wide ? 24 : 6}>
            <Form.Item name={f.name} label={f.label} style={{ marginBottom: 12 }}>
              {f.input()}
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Flex gap={8} justify="flex-end" wrap>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
        >
          重置
        </Button>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
        {onToggle ? (
          <Button type="link" onClick={onToggle} icon={expanded ? <UpOutlined /> : <DownOutlined />}>
            {expanded ? '收起' : '展开'}
          </Button>
        ) : null}
      </Flex>
    </Form>
  );
}
