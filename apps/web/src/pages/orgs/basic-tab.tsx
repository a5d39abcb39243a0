import {
  DeleteOutlined,
  EditOutlined,
  NodeIndexOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  allowedChildTypes,
  canContain,
  limits,
  majorKindLabels,
  type OrgDetail,
  type OrgListItem,
  orgCategoryLabels,
  orgStatisticsCodes,
  orgTypeLabels,
} from '@dangjian/core';
import { Alert, App, Button, Descriptions, type DescriptionsProps, Flex, Form, Input, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate, formatDateTime } from '../../lib/format';
import { subtreeIds } from '../../lib/org-tree';
import { useArchiveOrg, useCreateOrg, useMoveOrg, useOrgList, useRestoreOrg, useUpdateOrg } from './api';
import { OrgFormFields, type OrgFormValues, orgToFormValues, toCreateOrgBody, toUpdateOrgBody } from './form';

type Dialog = 'edit' | 'create' | 'move' | 'archive' | null;

function detailItems(org: OrgDetail): DescriptionsProps['items'] {
  return [
    { key: 'name', label: '名称', children: org.name, span: 'filled' },
    { key: 'shortName', label: '简称', children: org.shortName ?? emptyText },
    {
      key: 'type',
      label: '组织类型',
      children: `${orgTypeLabels[org.type]}（统计代码 ${orgStatisticsCodes[org.type]}）`,
    },
    { key: 'category', label: '类别', children: org.category ? orgCategoryLabels[org.category] : emptyText },
    { key: 'unit', label: '所属单位', children: org.unitName ?? emptyText },
    {
      key: 'majors',
      label: '依托专业（群）',
      children:
        org.majors.length > 0
          ? org.majors.map((m) => (
              <Tag key={m.id}>
                {m.name}（{majorKindLabels[m.kind]}）
              </Tag>
            ))
          : emptyText,
    },
    { key: 'code', label: '组织代码', children: org.code ?? emptyText },
    { key: 'foundedOn', label: '成立日期', children: formatDate(org.foundedOn) },
    {
      key: 'members',
      label: '党员人数',
      children: `${org.memberCount} 人（正式 ${org.fullMemberCount}，预备 ${org.memberCount - org.fullMemberCount}）`,
    },
    {
      key: 'alerts',
      label: '预警',
      children: org.alertCount > 0 ? <Tag color="red">{org.alertCount} 条</Tag> : '无',
    },
    { key: 'sortOrder', label: '排序号', children: org.sortOrder },
    ...(org.archived
      ? [
          { key: 'archivedAt', label: '撤销时间', children: formatDateTime(org.archivedAt) },
          {
            key: 'archiveReason',
            label: '撤销原因',
            children: org.archiveReason ?? emptyText,
            span: 'filled' as const,
          },
        ]
      : []),
  ];
}

/** 基本信息: the org's attributes and path, with the actions its abilities allow. */
export function BasicTab({ org, onReload }: { org: OrgDetail; onReload: () => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = useCallback(() => setDialog(null), []);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const update = useUpdateOrg(org.id);
  const create = useCreateOrg();
  const move = useMoveOrg(org.id);
  const archive = useArchiveOrg(org.id);
  const restore = useRestoreOrg(org.id);
  const orgList = useOrgList(false);

  const childTypes = allowedChildTypes[org.type];
  const parentName = org.path.find((p) => p.id === org.parentId)?.name ?? emptyText;

  // Allowed new parents: active orgs that may contain this type, outside its own subtree.
  const ownSubtree = useMemo(() => subtreeIds(orgList.data ?? [], org.id), [orgList.data, org.id]);
  const isAllowedParent = useCallback(
    (candidate: OrgListItem) =>
      !candidate.archived &&
      candidate.id !== org.parentId &&
      !ownSubtree.has(candidate.id) &&
      canContain(candidate.type, org.type),
    [org.parentId, org.type, ownSubtree],
  );

  const confirmRestore = () => {
    modal.confirm({
      title: `恢复“${org.name}”？`,
      content: '恢复后该组织重新参与统计与监测预警。',
      okText: '恢复',
      onOk: async () => {
        try {
          await restore.mutateAsync({ version: org.version });
          message.success('已恢复');
        } catch (error) {
          handleError(error, { onConflict: onReload });
        }
      },
    });
  };

  return (
    <Flex vertical gap={16}>
      {org.archived ? <Alert type="warning" showIcon title="该党组织已撤销，仅保留历史记录。" /> : null}
      <Flex wrap gap={8}>
        {org.abilities.edit ? (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            编辑
          </Button>
        ) : null}
        {org.abilities.createChild && childTypes.length > 0 ? (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
            新建下级组织
          </Button>
        ) : null}
        {org.abilities.move ? (
          <Button icon={<NodeIndexOutlined />} onClick={() => setDialog('move')}>
            调整隶属
          </Button>
        ) : null}
        {org.abilities.archive && !org.archived ? (
          <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('archive')}>
            撤销
          </Button>
        ) : null}
        {org.abilities.archive && org.archived ? (
          <Button icon={<UndoOutlined />} onClick={confirmRestore} loading={restore.isPending}>
            恢复
          </Button>
        ) : null}
      </Flex>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={detailItems(org)} />

      <FormDrawer<OrgFormValues>
        title={`编辑：${org.name}`}
        open={dialog === 'edit'}
        onClose={close}
        initialValues={orgToFormValues(org)}
        onSubmit={(values) => update.mutateAsync(toUpdateOrgBody(org.version, values))}
        onConflict={onReload}
        successMessage="已保存"
      >
        <OrgFormFields mode="edit" />
      </FormDrawer>

      <FormDrawer<OrgFormValues>
        title={`新建下级组织（上级：${org.name}）`}
        open={dialog === 'create'}
        onClose={close}
        initialValues={childTypes.length === 1 ? { type: childTypes[0] } : {}}
        onSubmit={async (values) => {
          const created = await create.mutateAsync(toCreateOrgBody(org.id, values));
          navigate(`/orgs/${created.id}`);
        }}
        successMessage="已新建"
        okText="新建"
      >
        <OrgFormFields mode="create" parentType={org.type} />
      </FormDrawer>

      <FormModal<{ parentId: number | null }>
        title={`调整隶属：${org.name}`}
        open={dialog === 'move'}
        onClose={close}
        initialValues={{ parentId: null }}
        onSubmit={async ({ parentId: target }) => {
          if (target === null) throw new Error('请选择新的上级组织');
          await move.mutateAsync({ parentId: target, version: org.version });
        }}
        onConflict={onReload}
        successMessage="已调整隶属关系"
        okText="调整"
      >
        <Form.Item label="当前上级">{parentName}</Form.Item>
        <Form.Item
          name="parentId"
          label="新的上级组织"
          rules={[{ required: true, message: '请选择新的上级组织' }]}
          extra={`只能选择可以包含${orgTypeLabels[org.type]}的组织；本组织及其下级不可选`}
        >
          <OrgPicker isSelectable={isAllowedParent} placeholder="选择新的上级组织" />
        </Form.Item>
      </FormModal>

      <FormModal<{ reason: string }>
        title={`撤销：${org.name}`}
        open={dialog === 'archive'}
        onClose={close}
        onSubmit={({ reason }) => archive.mutateAsync({ reason: reason.trim(), version: org.version })}
        onConflict={onReload}
        successMessage="已撤销"
        okText="撤销"
        okDanger
      >
        <Alert
          type="warning"
          showIcon
          title="撤销后该组织标记为已撤销，历史记录保留，需要时可以恢复。"
          style={{ marginBottom: 16 }}
        />
        <Form.Item
          name="reason"
          label="撤销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { min: 2, message: '至少 2 个字符' },
            { max: limits.note.max, message: `不能超过 ${limits.note.max} 个字符` },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={limits.note.max}
            showCount
            placeholder="例如：机构调整，与某支部合并"
          />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
