import { auditFieldLabel, auditFieldPaths, auditFieldValue } from '@dangjian/core';
import { Table, Typography } from 'antd';
import { useMemo } from 'react';

interface DiffRow {
  key: string;
  /** The field's Chinese name (its path when the catalogue has none). */
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows of the before/after comparison, changed fields first, each field by its Chinese name. */
export function diffRows(action: string, before: unknown, after: unknown): DiffRow[] {
  const a = auditFieldPaths(before);
  const b = auditFieldPaths(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .map((key) => {
      const x = auditFieldValue(action, key, a.get(key));
      const y = auditFieldValue(action, key, b.get(key));
      return { key, label: auditFieldLabel(action, key) ?? key, before: x, after: y, changed: x !== y };
    })
    .sort((p, q) => Number(q.changed) - Number(p.changed));
}

function Cell({ text, tone }: { text: string; tone: 'old' | 'new' | 'same' }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  const background = tone === 'old' ? '#fff1f0' : tone === 'new' ? '#f6ffed' : undefined;
  return (
    <Typography.Text code={false} style={{ background, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {text}
    </Typography.Text>
  );
}

/** Field-by-field comparison of an audit entry's `before` and `after` snapshots. */
export function AuditDiffView({
  action,
  before,
  after,
}: {
  action: string;
  before: unknown;
  after: unknown;
}) {
  const rows = useMemo(() => diffRows(action, before, after), [action, before, after]);
  const scalar = !isPlainObject(before) && !isPlainObject(after);
  if (scalar && before == null && after == null) {
    return <Typography.Text type="secondary">此操作没有记录数据变更。</Typography.Text>;
  }
  if (scalar) {
    return (
      <Table<DiffRow>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={[
          {
            key: '值',
            label: '值',
            before: auditFieldValue(action, '', before),
            after: auditFieldValue(action, '', after),
            changed: true,
          },
        ]}
        columns={[
          { title: '修改前', key: 'before', render: (_, r) => <Cell text={r.before} tone="old" /> },
          { title: '修改后', key: 'after', render: (_, r) => <Cell text={r.after} tone="new" /> },
        ]}
      />
    );
  }
  return (
    <Table<DiffRow>
      size="small"
      pagination={false}
      rowKey="key"
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        {
          title: '字段',
          key: 'label',
          width: 180,
          render: (_, r) => (r.changed ? <Typography.Text strong>{r.label}</Typography.Text> : r.label),
        },
        {
          title: '修改前',
          key: 'before',
          render: (_, r) => <Cell text={r.before} tone={r.changed ? 'old' : 'same'} />,
        },
        {
          title: '修改后',
          key: 'after',
          render: (_, r) => <Cell text={r.after} tone={r.changed ? 'new' : 'same'} />,
        },
      ]}
    />
  );
}
