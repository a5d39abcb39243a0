import { assessmentLimits, assessmentRecordKindLabels } from '@dangjian/core';
import { Flex, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useActivityList } from '../activities/api';
import { type RecordRef, recordKey, recordPath, uniqueRecords } from './record-links';

/** A record as a link to its page (underlined: told apart from text by more than colour), or plain text. */
export function RecordLink({ record }: { record: RecordRef }) {
  const path = recordPath(record);
  const label = record.label ?? `${assessmentRecordKindLabels[record.kind]} ${record.id}`;
  return (
    <span style={{ overflowWrap: 'anywhere' }}>
      <Tag style={{ marginInlineEnd: 4 }}>{assessmentRecordKindLabels[record.kind]}</Tag>
      {path ? (
        <Link to={path} style={{ textDecoration: 'underline' }}>
          {label}
        </Link>
      ) : (
        label
      )}
    </span>
  );
}

/** The records a figure came from or a reviewer linked, one a line. */
export function RecordList({ records, limit }: { records: readonly RecordRef[]; limit?: number }) {
  const [all, setAll] = useState(false);
  if (records.length === 0) return null;
  const shown = all || limit === undefined ? records : records.slice(0, limit);
  return (
    <Flex vertical gap={2}>
      {shown.map((r) => (
        <RecordLink key={recordKey(r)} record={r} />
      ))}
      {shown.length < records.length ? (
        <Typography.Link onClick={() => setAll(true)} className="dj-no-print">
          还有 {records.length - shown.length} 条，全部显示
        </Typography.Link>
      ) : null}
    </Flex>
  );
}

/**
 * Links to records for a judgement: the records this scorecard already shows (what the figures read), and the
 * org's 组织生活 records of the period, searched by title. The value is the list of refs.
 */
export function RecordLinksInput({
  value,
  onChange,
  known,
  orgId,
  period,
  id,
}: {
  value?: RecordRef[] | undefined;
  onChange?: (refs: RecordRef[]) => void;
  /** Records of the scorecard, offered first. */
  known: readonly RecordRef[];
  orgId: number;
  period: { from: string; to: string } | null;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, 300);
  const activities = useActivityList({
    orgId,
    from: period?.from,
    to: period?.to,
    q: debounced.trim() || undefined,
    page: 1,
    pageSize: 20,
  });
  const current = value ?? [];
  const offered = useMemo(() => {
    const fromActivities: RecordRef[] = (activities.data?.items ?? []).map((a) => ({
      kind: 'activity',
      id: String(a.id),
      label: `${a.onDate} ${a.title}`,
    }));
    return uniqueRecords([...current, ...known, ...fromActivities]);
  }, [current, known, activities.data]);
  const byKey = new Map(offered.map((r) => [recordKey(r), r]));
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      placeholder="选择组织生活记录或上方数据来源中的记录"
      value={current.map(recordKey)}
      onChange={(keys) =>
        onChange?.(keys.map((k) => byKey.get(k)).filter((r): r is RecordRef => r !== undefined))
      }
      showSearch={{ filterOption: false, onSearch: setQ }}
      maxCount={assessmentLimits.links.max}
      loading={activities.isFetching}
      options={offered.map((r) => ({
        value: recordKey(r),
        label: `${assessmentRecordKindLabels[r.kind]}：${r.label ?? r.id}`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
