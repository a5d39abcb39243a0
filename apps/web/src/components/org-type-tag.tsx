import { type OrgType, orgTypeLabels } from '@dangjian/core';
import { Tag } from 'antd';

/** Tag colour of each org type, from the top of the tree down. */
const orgTypeColors = {
  committee: 'red',
  general_branch: 'volcano',
  branch: 'orange',
  joint_branch: 'gold',
  temporary_branch: 'cyan',
  group: 'default',
} as const satisfies Record<OrgType, string>;

/** The type of an org (党委/党总支/党支部…) as a small coloured tag. */
export function OrgTypeTag({ type, archived = false }: { type: OrgType; archived?: boolean }) {
  return (
    <Tag color={archived ? 'default' : orgTypeColors[type]} style={{ marginInlineEnd: 4 }}>
      {orgTypeLabels[type]}
    </Tag>
  );
}
