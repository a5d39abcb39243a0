import { Table, Typography } from 'antd';
import { useMemo } from 'react';

interface DiffRow {
  key: string;
  before: string;
  after: string;
  changed: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested objects into dot paths; arrays and scalars are leaves. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Rows of the before/after comparison, changed fields first. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .map((key) => {
      const x = show(a.get(key));
      const y = show(b.get(key));
      return { key, before: x, after: y, changed: x !== y };
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
export function AuditDiffView({ before, after }: { before: unknown; after: unknown }) {
  const rows = useMemo(() => diffRows(before, after), [before, after]);
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
        dataSource={[{ key: '值', before: show(before), after: show(after), changed: true }]}
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
          dataIndex: 'key',
          key: 'key',
          width: 180,
          render: (_, r) => (r.changed ? <Typography.Text strong>{r.key}</Typography.Text> : r.key),
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
