import type { OrgListItem } from '@dangjian/core';

/** One org with its children, built client-side from the flat `GET /api/orgs` list. */
export interface OrgNode {
  org: OrgListItem;
  children: OrgNode[];
}

const collator = new Intl.Collator('zh-CN');

function compareOrgs(a: OrgNode, b: OrgNode): number {
  return a.org.sortOrder - b.org.sortOrder || collator.compare(a.org.name, b.org.name);
}

/**
 * Builds the forest of orgs. An org whose parent is missing from the list (outside the user's
 * scope) is a root.
 */
export function buildOrgForest(items: readonly OrgListItem[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  for (const org of items) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: OrgNode[]) => {
    list.sort(compareOrgs);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/**
 * Keeps the nodes that match, their ancestors and their whole subtrees; returns the ids of the
 * ancestors to expand so that every match is visible.
 */
export function filterOrgForest(
  forest: readonly OrgNode[],
  matches: (org: OrgListItem) => boolean,
): { forest: OrgNode[]; expandIds: number[] } {
  const expandIds: number[] = [];
  const walk = (nodes: readonly OrgNode[]): OrgNode[] => {
    const kept: OrgNode[] = [];
    for (const node of nodes) {
      if (matches(node.org)) {
        kept.push(node);
        continue;
      }
      const children = walk(node.children);
      if (children.length > 0) {
        expandIds.push(node.org.id);
        kept.push({ org: node.org, children });
      }
    }
    return kept;
  };
  return { forest: walk(forest), expandIds };
}

/** Ids of `rootId` and every org below it in the list. */
export function subtreeIds(items: readonly OrgListItem[], rootId: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const org of items) {
    if (org.parentId === null) continue;
    const list = childrenOf.get(org.parentId) ?? [];
    list.push(org.id);
    childrenOf.set(org.parentId, list);
  }
  const result = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined) break;
    for (const child of childrenOf.get(id) ?? []) {
      if (!result.has(child)) {
        result.add(child);
        stack.push(child);
      }
    }
  }
  return result;
}

/** Case-insensitive match of a search text against an org's name, short name and code. */
export function orgMatches(org: OrgListItem, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [org.name, org.shortName, org.code].some((v) => v?.toLowerCase().includes(q));
}
