import type { PersonOption } from '@dangjian/core';
import { Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { usePeopleSearch } from '../pages/orgs/api';

interface PeoplePickerProps {
  value?: number[] | undefined;
  onChange?: (value: number[]) => void;
  /** Limit the search to people of this org (and below, as the server scopes it). */
  orgId?: number | undefined;
  placeholder?: string;
  maxCount?: number;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}

const searchDelayMs = 300;

/**
 * Chooses several people by searching `GET /api/people` (name; the caller's scope, optionally one org): the names
 * chosen stay shown while the next search runs.
 */
export function PeoplePicker({
  value,
  onChange,
  orgId,
  placeholder = '输入姓名搜索',
  maxCount,
  style,
  id,
  'aria-label': ariaLabel,
}: PeoplePickerProps) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Map<number, PersonOption>>(new Map());

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [input]);

  const { data, isFetching } = usePeopleSearch({ q: q || undefined, orgId, limit: 20 });

  const options = useMemo(() => {
    const found = data ?? [];
    const known = new Set(found.map((p) => p.id));
    const kept = (value ?? [])
      .filter((v) => !known.has(v))
      .map((v) => chosen.get(v) ?? { id: v, name: `党员 #${v}`, orgName: null });
    return [...kept, ...found].map((p) => ({
      value: p.id,
      title: p.name,
      label: (
        <span>
          {p.name}
          {p.orgName ? <Typography.Text type="secondary"> {p.orgName}</Typography.Text> : null}
        </span>
      ),
    }));
  }, [data, value, chosen]);

  return (
    <Select<number[]>
      id={id}
      aria-label={ariaLabel}
      mode="multiple"
      value={value ?? []}
      placeholder={placeholder}
      loading={isFetching}
      maxCount={maxCount}
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      notFoundContent={isFetching ? '搜索中…' : '没有找到'}
      onChange={(next) => {
        const add = new Map(chosen);
        for (const p of data ?? []) if (next.includes(p.id)) add.set(p.id, p);
        setChosen(add);
        setInput('');
        onChange?.(next);
      }}
      style={{ width: '100%', ...style }}
    />
  );
}
