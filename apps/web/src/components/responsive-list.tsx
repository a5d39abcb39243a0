import { Empty, Flex, Pagination, Spin, Table, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { useIsNarrow } from '../lib/use-media-query';

/** A server-side page: which one, its size, how many rows in all, and how to move. */
export interface ListPaging {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
  /** Sizes offered by the table's size changer. */
  pageSizeOptions?: number[];
  /** "共 N 条" with the list's own unit. */
  unit?: string;
}

interface ResponsiveListProps<T extends object> {
  items: readonly T[] | undefined;
  rowKey: (row: T) => Key;
  columns: NonNullable<TableProps<T>['columns']>;
  /** One row as a card, for phones and narrow windows. */
  renderCard: (row: T) => ReactNode;
  loading: boolean;
  paging: ListPaging;
  emptyText: string;
  /** Table-only extras (expandable rows, row clicks…). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'pagination' | 'loading'>;
}

/**
 * A paged list: a table with pagination on wide screens, cards with a simple pager at ≤ 768 px.
 * The server pages; this component only shows the page it was given.
 */
export function ResponsiveList<T extends object>({
  items,
  rowKey,
  columns,
  renderCard,
  loading,
  paging,
  emptyText,
  tableProps,
}: ResponsiveListProps<T>) {
  const isNarrow = useIsNarrow();
  const unit = paging.unit ?? '条';
  if (isNarrow) {
    return (
      <Spin spinning={loading}>
        <Flex vertical gap={8}>
          {(items ?? []).map((row) => (
            <div key={rowKey(row)}>{renderCard(row)}</div>
          ))}
          {items && items.length === 0 ? <Empty description={emptyText} /> : null}
          {paging.total > paging.pageSize ? (
            <Pagination
              simple
              align="center"
              current={paging.page}
              pageSize={paging.pageSize}
              total={paging.total}
              onChange={paging.onChange}
            />
          ) : null}
        </Flex>
      </Spin>
    );
  }
  return (
    <Table<T>
      size="middle"
      scroll={{ x: 'max-content' }}
      {...tableProps}
      rowKey={rowKey}
      columns={columns}
      dataSource={items ? [...items] : []}
      loading={loading}
      locale={{ emptyText: <Empty description={emptyText} /> }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: paging.total,
        showSizeChanger: true,
        pageSizeOptions: paging.pageSizeOptions ?? [20, 50, 100],
        showTotal: (total) => `共 ${total} ${unit}`,
        onChange: paging.onChange,
      }}
    />
  );
}
