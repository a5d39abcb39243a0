import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  accountActorKind,
  grantableRoles,
  limits,
  type RoleCode,
  roleCodes,
  roleLabels,
  type UserListItem,
} from '@dangjian/core';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { FormDrawer } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { showSecretOnce } from '../../components/secret-modal';
import { useCan } from '../../lib/access';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  type UserListParams,
  type UserWithTemporaryPassword,
  useCreateUser,
  useResetPassword,
  useUnlockUser,
  useUpdateUser,
  useUserList,
} from './api';
import { userColumns } from './columns';
import {
  emptyUserValues,
  toCreateUserBody,
  toUpdateUserBody,
  UserFormFields,
  type UserFormValues,
  userToFormValues,
} from './form';

interface SearchValues {
  q?: string;
  role?: RoleCode;
}

type Drawer = { mode: 'create' } | { mode: 'edit'; user: UserListItem } | null;

/** What each administrator manages here (三员分立; the matrix is core's `accountActionMatrix`). */
const separationNotes = {
  sys_admin: '安全管理员、审计员账号由安全管理员新建和管理（三员分立），您可以管理其他所有账号。',
  security_admin:
    '您负责新建和管理安全管理员、审计员账号（授予角色、重置密码、停用），并可解锁任何账号；其他账号由系统管理员管理。',
  auditor: null,
  other: null,
} as const;

/** 账号管理: search, list and maintain accounts and their role grants. */
export function UsersPage() {
  const can = useCan();
  const me = useMe();
  const myRoles = me.user.roles.map((r) => r.role);
  const grantable = grantableRoles(myRoles);
  const note = separationNotes[accountActorKind(myRoles)];
  const linkPerson = can('member:member:view');
  const isNarrow = useIsNarrow();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [searchForm] = Form.useForm<SearchValues>();
  const list = useUserList(params);
  const create = useCreateUser();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const unlock = useUnlockUser();

  const showTemporaryPassword = (result: UserWithTemporaryPassword, title: string) =>
    showSecretOnce(modal, {
      title,
      description: `账号 ${result.user.username} 的临时密码仅显示一次，请转交本人；首次登录后须修改密码。`,
      secret: result.temporaryPassword,
    });

  const confirmReset = (user: UserListItem) =>
    modal.confirm({
      title: `重置 ${user.displayName}（${user.username}）的密码？`,
      content: '将生成新的临时密码，原密码立即失效。',
      okText: '重置',
      onOk: async () => {
        try {
          showTemporaryPassword(await reset.mutateAsync(user.id), '密码已重置');
        } catch (error) {
          handleError(error);
        }
      },
    });

  const confirmUnlock = (user: UserListItem) =>
    modal.confirm({
      title: `解锁 ${user.displayName}（${user.username}）？`,
      okText: '解锁',
      onOk: async () => {
        try {
          await unlock.mutateAsync(user.id);
          message.success('已解锁');
        } catch (error) {
          handleError(error);
        }
      },
    });

  const confirmToggle = (user: UserListItem) =>
    modal.confirm({
      title: `${user.disabled ? '启用' : '停用'} ${user.displayName}（${user.username}）？`,
      content: user.disabled ? '启用后该账号可以重新登录。' : '停用后该账号不能登录，已登录的会话将失效。',
      okText: user.disabled ? '启用' : '停用',
      okButtonProps: { danger: !user.disabled },
      onOk: async () => {
        try {
          await update.mutateAsync({
            id: user.id,
            body: { version: user.version, disabled: !user.disabled },
          });
          message.success(user.disabled ? '已启用' : '已停用');
        } catch (error) {
          handleError(error, { onConflict: () => void list.refetch() });
        }
      },
    });

  const columns = userColumns(
    (user) => (
      <Flex gap={0} wrap>
        {user.abilities.includes('edit') ? (
          <Button size="small" type="link" onClick={() => setDrawer({ mode: 'edit', user })}>
            编辑
          </Button>
        ) : null}
        {user.abilities.includes('reset-password') ? (
          <Button size="small" type="link" onClick={() => confirmReset(user)}>
            重置密码
          </Button>
        ) : null}
        {user.abilities.includes('unlock') && user.locked ? (
          <Button size="small" type="link" onClick={() => confirmUnlock(user)}>
            解锁
          </Button>
        ) : null}
        {user.abilities.includes('disable') ? (
          <Button size="small" type="link" danger={!user.disabled} onClick={() => confirmToggle(user)}>
            {user.disabled ? '启用' : '停用'}
          </Button>
        ) : null}
      </Flex>
    ),
    !isNarrow,
  );

  const search = (values: SearchValues) =>
    setParams((p) => ({ ...p, page: 1, q: values.q?.trim() || undefined, role: values.role }));

  return (
    <PageContainer
      title="账号管理"
      extra={
        can('system:user:create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            新建账号
          </Button>
        ) : null
      }
    >
      {note ? <Alert type="info" showIcon title={note} style={{ marginBottom: 16 }} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Form<SearchValues> form={searchForm} layout="inline" onFinish={search} style={{ rowGap: 8 }}>
          <Form.Item name="q" label="关键字">
            <Input
              allowClear
              placeholder="用户名或姓名"
              maxLength={limits.search.max}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select
              allowClear
              placeholder="全部"
              options={roleCodes.map((r) => ({ value: r, label: roleLabels[r] }))}
              style={{ width: 170 }}
            />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  searchForm.resetFields();
                  setParams((p) => ({ page: 1, pageSize: p.pageSize }));
                }}
              >
                重置
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<UserListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个账号`,
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
        }}
      />

      <FormDrawer<UserFormValues>
        title="新建账号"
        open={drawer?.mode === 'create'}
        onClose={() => setDrawer(null)}
        initialValues={emptyUserValues}
        onSubmit={async (values) => {
          const result = await create.mutateAsync(toCreateUserBody(values));
          showTemporaryPassword(result, '账号已建立');
        }}
        okText="建立"
      >
        <UserFormFields mode="create" roleChoice={{ grantable, editable: true }} linkPerson={linkPerson} />
      </FormDrawer>

      {drawer?.mode === 'edit' ? (
        <FormDrawer<UserFormValues>
          title={`编辑账号：${drawer.user.username}`}
          open
          onClose={() => setDrawer(null)}
          initialValues={userToFormValues(drawer.user)}
          onSubmit={(values) =>
            update.mutateAsync({ id: drawer.user.id, body: toUpdateUserBody(drawer.user.version, values) })
          }
          onConflict={() => void list.refetch()}
          successMessage="已保存"
        >
          <UserFormFields
            mode="edit"
            roleChoice={{
              grantable,
              editable: drawer.user.abilities.includes('grant') || drawer.user.abilities.includes('revoke'),
            }}
            linkPerson={linkPerson}
          />
        </FormDrawer>
      ) : null}
    </PageContainer>
  );
}
