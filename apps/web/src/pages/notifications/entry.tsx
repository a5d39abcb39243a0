import { notificationKindLabels } from '@dangjian/core';
import { Badge, Flex, Tag, Typography, theme } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { type NotificationEntry, useMarkRead } from './api';
import { formatRelativeTime, isAppPath } from './format';

/** Opening a message: marks it read (if it was not) and goes to its link (if it has one). */
export function useOpenNotification(onOpened?: () => void) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  return (item: NotificationEntry) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] }, { onError: (e) => handleError(e) });
    onOpened?.();
    if (isAppPath(item.link)) navigate(item.link);
  };
}

const resetButton: CSSProperties = {
  display: 'block',
  boxSizing: 'border-box',
  width: '100%',
  padding: 0,
  border: 0,
  background: 'none',
  font: 'inherit',
  color: 'inherit',
  textAlign: 'start',
  cursor: 'pointer',
};

/**
 * One message as a clickable block: a link when it points into the app, else a button that only marks
 * it read. Unread ones are bold with a dot (and say 未读 to screen readers).
 */
export function NotificationItemView({
  item,
  onOpen,
  showKind = false,
  inTable = false,
  now = new Date(),
}: {
  item: NotificationEntry;
  onOpen: (item: NotificationEntry) => void;
  showKind?: boolean;
  /** In a table row, whose own columns show the state and the time. */
  inTable?: boolean;
  now?: Date;
}) {
  const { token } = theme.useToken();
  const [hovered, setHovered] = useState(false);
  const unread = item.readAt === null;
  const content: ReactNode = (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex align="center" gap={6} style={{ minWidth: 0 }}>
        {unread && !inTable ? <Badge status="error" aria-hidden /> : null}
        {showKind ? (
          <Tag color={unread ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
            {notificationKindLabels[item.kind]}
          </Tag>
        ) : null}
        <Typography.Text strong={unread} ellipsis style={{ flex: 1, minWidth: 0 }}>
          {unread && !inTable ? <span className="visually-hidden">未读：</span> : null}
          {item.title}
        </Typography.Text>
        {inTable ? null : (
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
              {formatRelativeTime(item.createdAt, now)}
            </time>
          </Typography.Text>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }}>
        {item.body}
      </Typography.Text>
    </Flex>
  );
  const style: CSSProperties = {
    ...resetButton,
    padding: inTable ? '4px 8px' : '8px 12px',
    borderRadius: token.borderRadius,
    background: hovered ? token.colorFillTertiary : 'none',
  };
  const onClick = () => onOpen(item);
  const hover = { onMouseEnter: () => setHovered(true), onMouseLeave: () => setHovered(false) };
  return isAppPath(item.link) ? (
    <Link
      to={item.link}
      style={style}
      {...hover}
      onClick={(event) => {
        // The hook navigates after marking read; modified clicks (new tab) keep the browser's way.
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onClick();
      }}
    >
      {content}
    </Link>
  ) : (
    <button type="button" style={style} {...hover} onClick={onClick}>
      {content}
    </button>
  );
}
