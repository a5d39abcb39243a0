import { SearchOutlined } from '@ant-design/icons';
import {
  type SearchGroup,
  type SearchResponse,
  searchKindPermissions,
  searchKinds,
  searchLimits,
} from '@dangjian/core';
import { AutoComplete, Button, Drawer, Flex, Input, type RefSelectProps, Typography } from 'antd';
import { type ReactNode, type Ref, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../lib/access';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { useSearch } from '../pages/search/api';

/** What the box says it searches (its placeholder and the start of its accessible name). */
const placeholder = '搜索党员、党组织、活动、档案';
/** Typing settles this long before a query goes out. */
const debounceMs = 250;

/** The search page for a text: every kind with its hits, paged. */
export function searchPageLink(text: string): string {
  return `/search?q=${encodeURIComponent(text)}`;
}

/** A choice of the list; one whose label is not plain text names itself for screen readers. */
interface HitOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
  'aria-label'?: string;
}
type Option = HitOption | { key: string; label: ReactNode; title: string; options: HitOption[] };

function hitOptions(group: SearchGroup): HitOption[] {
  return group.items.map((hit) => ({
    value: hit.link,
    'aria-label': `${group.label}：${hit.title}，${hit.subtitle}`,
    label: (
      <Flex vertical style={{ minWidth: 0, lineHeight: 1.4, paddingBlock: 2 }}>
        <Typography.Text ellipsis>{hit.title}</Typography.Text>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {hit.subtitle}
        </Typography.Text>
      </Flex>
    ),
  }));
}

/**
 * The dropdown: the groups with hits (each headed by its kind and total), then 查看全部. While the text differs
 * from the one answered, only 查看全部 can be chosen, so Enter never opens a hit of an earlier text.
 */
function buildOptions(text: string, answer: SearchResponse | undefined, pending: boolean): Option[] {
  const all: HitOption = {
    value: searchPageLink(text),
    'aria-label': `查看全部“${text}”的搜索结果`,
    label: (
      <Typography.Link>
        <SearchOutlined aria-hidden /> 查看全部“{text}”的搜索结果
      </Typography.Link>
    ),
  };
  if (pending || !answer) {
    return [{ value: '#pending', disabled: true, label: '正在搜索…' }, all];
  }
  const found = answer.groups.filter((g) => g.total > 0);
  if (found.length === 0) {
    return [{ value: '#none', disabled: true, label: '未找到相关结果' }];
  }
  return [
    ...found.map((g) => ({
      key: g.kind,
      title: `${g.label}（共 ${g.total} 条）`,
      label: (
        <Flex justify="space-between">
          <span>{g.label}</span>
          <span>共 {g.total} 条</span>
        </Flex>
      ),
      options: hitOptions(g),
    })),
    all,
  ];
}

/**
 * The search box: a combobox whose list groups the hits by kind with their totals (TanStack Query, debounced).
 * Arrow keys move through the hits, Enter opens the highlighted one (the first by default), Esc closes the
 * list; 查看全部 opens /search.
 */
function SearchBox({
  autoFocusRef,
  onOpened,
  wide,
}: {
  autoFocusRef?: Ref<RefSelectProps>;
  onOpened?: () => void;
  wide: boolean;
}) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const q = useDebouncedValue(trimmed, debounceMs);
  const search = useSearch({ q, limit: searchLimits.perKind });
  const answered = search.data !== undefined && !search.isPlaceholderData && q === trimmed;
  const options = trimmed ? buildOptions(trimmed, search.data, !answered || search.isError) : [];

  const open = (link: string) => {
    if (link.startsWith('#')) return;
    setText('');
    onOpened?.();
    navigate(link);
  };

  return (
    <AutoComplete<string, Option>
      ref={autoFocusRef}
      value={text}
      options={options}
      showSearch={{ onSearch: setText, filterOption: false }}
      onSelect={(value) => open(value)}
      defaultActiveFirstOption
      virtual={false}
      popupMatchSelectWidth={wide ? 420 : true}
      listHeight={wide ? 480 : 360}
      style={{ width: '100%' }}
    >
      <Input
        prefix={<SearchOutlined aria-hidden style={{ color: 'rgba(0, 0, 0, 0.58)' }} />}
        placeholder={placeholder}
        aria-label={`${placeholder}（全局搜索）`}
        maxLength={searchLimits.text.max}
        allowClear
      />
    </AutoComplete>
  );
}

/**
 * The header's global search, for whoever may view at least one kind of record: a box on wide screens; on
 * phones a search icon that opens the box full-width at the top of the screen.
 */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const can = useCan();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const boxRef = useRef<RefSelectProps>(null);
  if (!searchKinds.some((kind) => can(searchKindPermissions[kind]))) return null;
  if (!compact) {
    return (
      <search style={{ width: 'min(320px, 32vw)', lineHeight: 'normal' }}>
        <SearchBox wide />
      </search>
    );
  }
  return (
    <>
      <Button
        type="text"
        aria-label="搜索"
        aria-expanded={drawerOpen}
        icon={<SearchOutlined style={{ fontSize: 18 }} />}
        onClick={() => setDrawerOpen(true)}
      />
      <Drawer
        placement="top"
        size="auto"
        title="搜索"
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        afterOpenChange={(visible) => {
          if (visible) boxRef.current?.focus();
        }}
        styles={{ body: { padding: 12 } }}
      >
        <search>
          <SearchBox wide={false} autoFocusRef={boxRef} onOpened={() => setDrawerOpen(false)} />
        </search>
      </Drawer>
    </>
  );
}
