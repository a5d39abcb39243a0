import type { OrgListItem } from '@dangjian/core';
import { orgTypeLabels } from '@dangjian/core';
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { buildOrgForest, type OrgNode } from '../lib/org-tree';
import { useOrgList } from '../pages/orgs/api';

interface OrgPickerProps {
  value?: number | null | undefined;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  /** Orgs that may be chosen; the others stay visible (for context) but disabled. */
  isSelectable?: (org: OrgListItem) => boolean;
  /** Also list archived orgs (shown as 已撤销). */
  includeArchived?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  /** The picker's name when no form label names it (a filter bar). */
  'aria-label'?: string;
}

interface PickerNode {
  value: number;
  title: string;
  disabled: boolean;
  children: PickerNode[];
}

function toPickerNodes(
  nodes: readonly OrgNode[],
  isSelectable?: (org: OrgListItem) => boolean,
): PickerNode[] {
  return nodes.map(({ org, children }) => ({
    value: org.id,
    title: `${org.name}（${orgTypeLabels[org.type]}${org.archived ? '，已撤销' : ''}）`,
    disabled: isSelectable ? !isSelectable(org) : false,
    children: toPickerNodes(children, isSelectable),
  }));
}

/** Chooses one org of the user's scope from a searchable tree. */
export function OrgPicker({
  value,
  onChange,
  placeholder = '选择党组织',
  isSelectable,
  includeArchived = false,
  allowClear = true,
  disabled,
  style,
  id,
  'aria-label': ariaLabel,
}: OrgPickerProps) {
  const { data, isLoading } = useOrgList(includeArchived);
  const forest = useMemo(() => buildOrgForest(data ?? []), [data]);
  const treeData = useMemo(() => toPickerNodes(forest, isSelectable), [forest, isSelectable]);
  const rootKeys = useMemo(() => forest.map((n) => n.org.id), [forest]);

  return (
    <TreeSelect<number | undefined>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootKeys}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, ...style }}
      notFoundContent={isLoading ? '加载中…' : '没有可选的党组织'}
    />
  );
}
