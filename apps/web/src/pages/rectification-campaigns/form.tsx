import {
  type CampaignDetail,
  type CampaignKind,
  type CreateCampaignBody,
  campaignKindLabels,
  campaignKinds,
  campaignLimits,
  type OrgListItem,
  type OrgType,
  rectificationLimits,
} from '@dangjian/core';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { PersonPicker } from '../../components/person-picker';
import { fromIsoDate, todayIso, toIsoDate } from '../../lib/format';
import { buildOrgForest, type OrgNode } from '../../lib/org-tree';
import { useOrgList } from '../orgs/api';
import { useCreateRectification } from '../rectification/api';
import { campaignKeys, campaignPath, useCreateCampaign } from './api';

/** Orgs that submit a problem list: 党总支 (with their branches) and 党支部. */
const submitting: readonly OrgType[] = ['general_branch', 'branch', 'joint_branch', 'temporary_branch'];
const takesPart = (o: OrgListItem) => !o.archived && submitting.includes(o.type);

interface TreeNode {
  value: number;
  title: string;
  disabled: boolean;
  children: TreeNode[];
}

const toTreeNodes = (nodes: readonly OrgNode[]): TreeNode[] =>
  nodes
    .filter((n) => n.org.type !== 'group' && !n.org.archived)
    .map(({ org, children }) => ({
      value: org.id,
      title: org.name,
      disabled: !takesPart(org),
      children: toTreeNodes(children),
    }));

/** 参加的党组织: 党总支 and 党支部 from the tree; a 总支 brings its branches with it (the server adds them). */
function ParticipantPicker({
  value,
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
}) {
  const { data, isLoading } = useOrgList(false);
  const forest = useMemo(() => buildOrgForest(data ?? []), [data]);
  const treeData = useMemo(() => toTreeNodes(forest), [forest]);
  const rootKeys = useMemo(() => forest.map((n) => n.org.id), [forest]);
  // The whole college: every 党总支 and 直属党支部 (the orgs right below the 党委).
  const wholeCollege = useMemo(
    () => forest.flatMap((root) => root.children.filter((c) => takesPart(c.org)).map((c) => c.org.id)),
    [forest],
  );
  return (
    <Flex vertical gap={8}>
      <TreeSelect<number[]>
        id={id}
        multiple
        value={value ?? []}
        onChange={(next) => onChange?.(next)}
        treeData={treeData}
        loading={isLoading}
        placeholder="选择党总支（含所属党支部）或党支部"
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandedKeys={rootKeys}
        allowClear
        maxTagCount={8}
        popupMatchSelectWidth={false}
        style={{ width: '100%' }}
      />
      <div>
        <Button size="small" onClick={() => onChange?.(wholeCollege)} disabled={wholeCollege.length === 0}>
          全校：各党总支和直属党支部
        </Button>
      </div>
    </Flex>
  );
}

interface CampaignFormValues {
  name: string;
  year: number;
  kind: CampaignKind;
  orgIds: number[];
  listDueOn: Dayjs | null;
  summaryDueOn: Dayjs | null;
  description?: string;
}

/** The school's usual dates (list by 4-15, summary by 7-05) when they are still ahead. */
function defaults(): Partial<CampaignFormValues> {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const list = `${year}-04-15`;
  return {
    name: `${year}年“个个过关、全面过硬”问题清单`,
    year,
    kind: 'all_pass_check',
    orgIds: [],
    listDueOn: list >= today ? fromIsoDate(list) : null,
    summaryDueOn: `${year}-07-05` > today ? fromIsoDate(`${year}-07-05`) : null,
  };
}

/** 部署问题清单工作 (the 组织部): on success it opens the campaign's page. */
export function CreateCampaignDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateCampaign();
  const navigate = useNavigate();
  return (
    <FormDrawer<CampaignFormValues>
      title="部署问题清单工作"
      open={open}
      onClose={onClose}
      initialValues={defaults()}
      okText="部署"
      successMessage="已部署，各党组织书记已收到通知"
      width={640}
      onSubmit={async (v) => {
        const body: CreateCampaignBody = {
          name: v.name.trim(),
          year: v.year,
          kind: v.kind,
          orgIds: v.orgIds,
          listDueOn: toIsoDate(v.listDueOn) ?? '',
          summaryDueOn: toIsoDate(v.summaryDueOn) ?? '',
          description: v.description?.trim() ? v.description.trim() : null,
        };
        const c = await create.mutateAsync(body);
        navigate(campaignPath(c.id));
      }}
    >
      <Typography.Paragraph type="secondary">
        各参加的党组织查摆问题、逐项登记整改事项后提交问题清单，整改后提交整改总结；书记的待办和监测预警会在截止前
        7 天提醒。
      </Typography.Paragraph>
      <Form.Item
        name="name"
        label="名称"
        rules={[
          { required: true, whitespace: true, message: '请填写名称' },
          { min: campaignLimits.name.min, message: `至少 ${campaignLimits.name.min} 个字` },
        ]}
      >
        <Input maxLength={campaignLimits.name.max} showCount />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="year"
          label="年度"
          rules={[{ required: true, message: '请填写年度' }]}
          style={{ flex: 1, minWidth: 120 }}
        >
          <InputNumber
            min={campaignLimits.year.min}
            max={campaignLimits.year.max}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label="类型"
          rules={[{ required: true, message: '请选择类型' }]}
          style={{ flex: 2, minWidth: 200 }}
          extra="决定登记的问题来源：个个过关或自查发现"
        >
          <Select options={campaignKinds.map((k) => ({ value: k, label: campaignKindLabels[k] }))} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="orgIds"
        label="参加的党组织"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择参加的党组织' }]}
        extra="选择党总支时，党总支和所属各党支部都要报送"
      >
        <ParticipantPicker />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="listDueOn"
          label="问题清单报送截止日期"
          rules={[{ required: true, message: '请选择日期' }]}
          style={{ flex: 1, minWidth: 180 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="summaryDueOn"
          label="整改总结报送截止日期"
          rules={[{ required: true, message: '请选择日期' }]}
          style={{ flex: 1, minWidth: 180 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="description" label="工作要求">
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={campaignLimits.description.max}
          showCount
          placeholder="选填：查摆的范围、标准和报送要求"
        />
      </Form.Item>
    </FormDrawer>
  );
}

interface ItemFormValues {
  problem: string;
  clause?: string;
  deadline: Dayjs | null;
  responsiblePersonId?: number | null;
  measures?: string;
}

const L = rectificationLimits;

/**
 * 登记问题: one problem of an org's list, entered as a rectification item of the campaign (its source the
 * campaign's); it then takes the ordinary way to 销号.
 */
export function CampaignItemDrawer({
  campaign,
  org,
  open,
  onClose,
}: {
  campaign: Pick<CampaignDetail, 'id' | 'name' | 'itemSource'>;
  org: { id: number; name: string };
  open: boolean;
  onClose: () => void;
}) {
  const create = useCreateRectification();
  const queryClient = useQueryClient();
  return (
    <FormDrawer<ItemFormValues>
      title={`登记问题：${org.name}`}
      open={open}
      onClose={onClose}
      okText="登记"
      successMessage="已登记到问题清单"
      initialValues={{ responsiblePersonId: null, deadline: null }}
      onSubmit={async (v) => {
        await create.mutateAsync({
          orgId: org.id,
          source: campaign.itemSource,
          campaignId: campaign.id,
          problem: v.problem.trim(),
          clause: v.clause?.trim() ? v.clause.trim() : null,
          responsiblePersonId: v.responsiblePersonId ?? null,
          measures: v.measures?.trim() ? v.measures.trim() : null,
          deadline: toIsoDate(v.deadline) ?? '',
        });
        // The list's figures and what may be submitted follow its items.
        await queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaign.id) });
      }}
    >
      <Typography.Paragraph type="secondary">
        问题登记后即为《{campaign.name}
        》问题清单的一项，按整改事项办理：落实措施、关联佐证、提交上级审核销号。
      </Typography.Paragraph>
      <Form.Item
        name="problem"
        label="问题"
        rules={[
          { required: true, whitespace: true, message: '请填写问题' },
          { min: L.problem.min, message: `至少 ${L.problem.min} 个字` },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={L.problem.max} showCount />
      </Form.Item>
      <Form.Item name="clause" label="对照的标准或条款">
        <Input maxLength={L.clause.max} placeholder="选填，如：《中国共产党支部工作条例（试行）》第十九条" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="deadline"
          label="整改期限"
          rules={[{ required: true, message: '请选择整改期限' }]}
          style={{ flex: 1, minWidth: 160 }}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="responsiblePersonId" label="责任人" style={{ flex: 1, minWidth: 160 }}>
          <PersonPicker orgId={org.id} style={{ width: '100%' }} placeholder="选填，输入姓名搜索" />
        </Form.Item>
      </Flex>
      <Form.Item name="measures" label="整改措施">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={L.measures.max} showCount />
      </Form.Item>
    </FormDrawer>
  );
}
