import type { OrgListItem, OrgType } from '@dangjian/core';
import { Badge, Empty, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { buildOrgForest, filterOrgForest, type OrgNode, orgMatches } from '../lib/org-tree';
import { OrgTypeTag } from './org-type-tag';

interface OrgTreeProps {
  orgs: readonly OrgListItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Text filter: matching orgs stay with their ancestors and subtrees. */
  search?: string;
  /** Only orgs of this type (with their ancestors and subtrees), e.g. the 党支部 a figure counts. */
  type?: OrgType | undefined;
}

function OrgTitle({ org }: { org: OrgListItem }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}>
      <OrgTypeTag type={org.type} archived={org.archived} />
      <Typography.Text
        type={org.archived ? 'secondary' : undefined}
        delete={org.archived}
        ellipsis={{ tooltip: org.name }}
        style={{ maxWidth: 220 }}
      >
        {org.shortName ?? org.name}
      </Typography.Text>
      {org.archived ? <Typography.Text type="secondary">（已撤销）</Typography.Text> : null}
      {org.alertCount > 0 ? (
        <Badge count={org.alertCount} size="small" overflowCount={99} title="预警数" />
      ) : null}
    </span>
  );
}

function toDataNodes(nodes: readonly OrgNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.org.id,
    title: <OrgTitle org={node.org} />,
    children: toDataNodes(node.children),
    isLeaf: node.children.length === 0,
  }));
}

function ancestorIds(orgs: readonly OrgListItem[], id: number): number[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const result: number[] = [];
  let current = byId.get(id);
  while (current && current.parentId !== null && !result.includes(current.parentId)) {
    result.push(current.parentId);
    current = byId.get(current.parentId);
  }
  return result;
}

/** The org hierarchy as an antd Tree: type tags, archived orgs greyed, a badge with the alert count. */
export function OrgTree({ orgs, selectedId, onSelect, search = '', type }: OrgTreeProps) {
  const forest = useMemo(() => buildOrgForest(orgs), [orgs]);
  const filtered = useMemo(
    () =>
      search.trim() || type
        ? filterOrgForest(
            forest,
            (org) => (!type || org.type === type) && (!search.trim() || orgMatches(org, search)),
          )
        : null,
    [forest, search, type],
  );
  const treeData = useMemo(() => toDataNodes(filtered ? filtered.forest : forest), [filtered, forest]);
  const [expanded, setExpanded] = useState<number[]>([]);

  // Open the first two levels at first, the path to the selected org, and every match while searching.
  useEffect(() => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (prev.length === 0) {
        for (const root of forest) {
          next.add(root.org.id);
          for (const child of root.children) next.add(child.org.id);
        }
      }
      if (selectedId !== null) for (const id of ancestorIds(orgs, selectedId)) next.add(id);
      if (filtered) for (const id of filtered.expandIds) next.add(id);
      return [...next];
    });
  }, [forest, orgs, selectedId, filtered]);

  if (treeData.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={search || type ? '没有匹配的党组织' : '暂无党组织'}
      />
    );
  }
  return (
    <Tree
      blockNode
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(Number))}
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelect={(keys) => {
        const key = keys[0];
        if (key !== undefined) onSelect(Number(key));
      }}
    />
  );
}
