import { type PartyStatus, type PersonOption, partyStatusLabels } from '@dangjian/core';
import { Select, Space, Tag, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { usePeopleSearch } from '../pages/orgs/api';

interface PersonPickerProps {
  value?: number | null | undefined;
  onChange?: (value: number | null, person: PersonOption | null) => void;
  /** Limit the search to people of this org (and below, as the server scopes it). */
  orgId?: number | undefined;
  placeholder?: string;
  /** Label of a value chosen earlier, so it shows before any search has run. */
  initialOption?: { id: number; name: string } | null | undefined;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
}

const searchDelayMs = 300;

function PersonLabel({ person }: { person: PersonOption }) {
  const status: PartyStatus | null = person.partyStatus;
  return (
    <Space size={4} wrap={false}>
      <span>{person.name}</span>
      {status === 'probationary' ? <Tag color="orange">{partyStatusLabels.probationary}</Tag> : null}
      {person.isDualLeader ? <Tag color="red">双带头人</Tag> : null}
      {person.orgName ? <Typography.Text type="secondary">{person.orgName}</Typography.Text> : null}
    </Space>
  );
}

/** Chooses one person by searching `GET /api/people` (name), optionally within an org. */
export function PersonPicker({
  value,
  onChange,
  orgId,
  placeholder = '输入姓名搜索',
  initialOption,
  allowClear = true,
  disabled,
  style,
  id,
}: PersonPickerProps) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<PersonOption | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(input.trim()), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [input]);

  const { data, isFetching } = usePeopleSearch({ q: q || undefined, orgId, limit: 20 }, !disabled);

  const options = useMemo(() => {
    const people = data ?? [];
    const list = people.map((p) => ({ value: p.id, label: <PersonLabel person={p} />, title: p.name }));
    const known = new Set(people.map((p) => p.id));
    if (value != null && !known.has(value)) {
      const name =
        chosen?.id === value
          ? chosen.name
          : initialOption?.id === value
            ? initialOption.name
            : `党员 #${value}`;
      list.unshift({ value, label: <span>{name}</span>, title: name });
    }
    return list;
  }, [data, value, chosen, initialOption]);

  return (
    <Select<number | undefined>
      id={id}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      notFoundContent={isFetching ? '搜索中…' : '没有找到'}
      onChange={(next) => {
        const person = data?.find((p) => p.id === next) ?? null;
        if (person) setChosen(person);
        onChange?.(next ?? null, person);
      }}
      style={{ minWidth: 160, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
