import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreateUserBody,
  checkRoleGrants,
  limits,
  type RoleCode,
  type RoleGrant,
  roleCodes,
  roleDefinitions,
  roleLabels,
  type UpdateUserBody,
  type UserListItem,
} from '@dangjian/core';
import { Button, Flex, Form, type FormListFieldData, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { OrgPicker } from '../../components/org-picker';
import { PersonPicker } from '../../components/person-picker';

/** Values of the account form; `personId` is absent when the field is not shown. */
export interface UserFormValues {
  username: string;
  displayName: string;
  personId?: number | null;
  roles: { role: RoleCode | null; orgId: number | null }[];
}

/** Most role grants per account (createUserBody: roles .max(10)). */
const maxRoles = 10;

/**
 * Which roles the form lets the user choose (core's `grantableRoles` for the signed-in user), and
 * whether the account's roles may change at all (its `grant`/`revoke` abilities; never one's own).
 */
interface RoleChoice {
  grantable: readonly RoleCode[];
  editable: boolean;
}

function needsOrg(role: RoleCode | null | undefined): boolean {
  return role ? roleDefinitions[role].reach === 'subtree' : false;
}

/** One role grant: the role, and the org it is granted on when the role reaches a subtree. */
function RoleRow({
  field,
  onRemove,
  choice,
}: {
  field: FormListFieldData;
  onRemove: () => void;
  choice: RoleChoice;
}) {
  const form = Form.useFormInstance<UserFormValues>();
  const role: RoleCode | null | undefined = Form.useWatch(['roles', field.name, 'role'], form);
  const withOrg = needsOrg(role);
  // A role the user may not grant or revoke (三员分立) stays as it is.
  const locked = !choice.editable || (role != null && !choice.grantable.includes(role));
  const options = roleCodes
    .filter((r) => choice.grantable.includes(r) || r === role)
    .map((r) => ({ value: r, label: roleLabels[r] }));

  useEffect(() => {
    if (!withOrg) form.setFieldValue(['roles', field.name, 'orgId'], null);
  }, [withOrg, form, field.name]);

  return (
    <Flex gap={8} align="flex-start" wrap>
      <Form.Item
        name={[field.name, 'role']}
        rules={[{ required: true, message: '请选择角色' }]}
        style={{ width: 180, marginBottom: 8 }}
      >
        <Select options={options} placeholder="角色" disabled={locked} />
      </Form.Item>
      {withOrg ? (
        <Form.Item
          name={[field.name, 'orgId']}
          rules={[{ required: true, message: '请选择所管理的党组织' }]}
          style={{ flex: 1, minWidth: 200, marginBottom: 8 }}
        >
          <OrgPicker placeholder="所管理的党组织（含下级）" disabled={locked} />
        </Form.Item>
      ) : (
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 160, lineHeight: '32px' }}>
          {role ? (roleDefinitions[role].reach === 'all' ? '全校范围' : '仅本人') : ''}
        </Typography.Text>
      )}
      {locked ? null : (
        <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除角色" onClick={onRemove} />
      )}
    </Flex>
  );
}

/** Fields of the account drawer. The username is fixed once created. */
export function UserFormFields({
  mode,
  roleChoice,
  linkPerson,
}: {
  mode: 'create' | 'edit';
  roleChoice: RoleChoice;
  /** Whether the user may search the roster (the 安全管理员 may not: their accounts link nobody). */
  linkPerson: boolean;
}) {
  return (
    <>
      <Form.Item
        name="username"
        label="用户名"
        rules={
          mode === 'create'
            ? [
                { required: true, whitespace: true, message: '请输入用户名' },
                { min: limits.username.min, message: `至少 ${limits.username.min} 个字符` },
                { max: limits.username.max, message: `不能超过 ${limits.username.max} 个字符` },
                { pattern: /^[a-zA-Z0-9_.-]+$/, message: '只能包含字母、数字、下划线、点和短横线' },
              ]
            : []
        }
        extra={mode === 'create' ? '建立后不能修改；初始密码由系统生成，首次登录须修改' : undefined}
      >
        <Input disabled={mode === 'edit'} maxLength={limits.username.max} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label="姓名"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { max: limits.displayName.max, message: `不能超过 ${limits.displayName.max} 个字符` },
        ]}
      >
        <Input maxLength={limits.displayName.max} />
      </Form.Item>
      {linkPerson ? (
        <Form.Item name="personId" label="关联党员" extra="账号对应的党员（可选），用于“仅本人”范围的角色">
          <PersonPicker placeholder="输入姓名搜索（可不选）" />
        </Form.Item>
      ) : null}
      <Form.List
        name="roles"
        rules={[
          {
            validator: async (_, value: UserFormValues['roles'] | undefined) => {
              if (!value || value.length === 0) throw new Error('至少授予一个角色');
              const grants = value.flatMap((g) => (g.role ? [{ role: g.role, orgId: g.orgId ?? null }] : []));
              const problems = checkRoleGrants(grants);
              if (problems.length > 0) throw new Error(problems.join('；'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item
            label="角色"
            required
            extra={roleChoice.editable ? undefined : '不能修改本人或不由您管理的账号的角色（三员分立）'}
          >
            {fields.map((field) => (
              <RoleRow
                key={field.key}
                field={field}
                onRemove={() => remove(field.name)}
                choice={roleChoice}
              />
            ))}
            {roleChoice.editable ? (
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= maxRoles}
                onClick={() => add({ role: null, orgId: null })}
              >
                添加角色
              </Button>
            ) : null}
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}

function toGrants(roles: UserFormValues['roles']): RoleGrant[] {
  return roles.flatMap((g) => (g.role ? [{ role: g.role, orgId: needsOrg(g.role) ? g.orgId : null }] : []));
}

/** Empty form for a new account. */
export const emptyUserValues: UserFormValues = {
  username: '',
  displayName: '',
  personId: null,
  roles: [{ role: null, orgId: null }],
};

/** Form values of an existing account. */
export function userToFormValues(user: UserListItem): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    roles: user.roles.map((r) => ({ role: r.role, orgId: r.orgId })),
  };
}

/** Body of POST /api/users. */
export function toCreateUserBody(values: UserFormValues): CreateUserBody {
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    personId: values.personId ?? null,
    roles: toGrants(values.roles),
  };
}

/** Body of PATCH /api/users/:id with the version last read. */
export function toUpdateUserBody(version: number, values: UserFormValues): UpdateUserBody {
  return {
    version,
    displayName: values.displayName.trim(),
    ...(values.personId !== undefined ? { personId: values.personId } : {}),
    roles: toGrants(values.roles),
  };
}
