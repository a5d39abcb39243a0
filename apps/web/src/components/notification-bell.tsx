import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useErrorHandler } from '../lib/errors';
import { useLatestNotifications, useMarkRead } from '../pages/notifications/api';
import { NotificationItemView, useOpenNotification } from '../pages/notifications/entry';
import { bellLabel } from '../pages/notifications/format';

/** The popover's content: the newest messages, 全部标为已读 and 查看全部. */
function LatestPanel({ onClose }: { onClose: () => void }) {
  const latest = useLatestNotifications();
  const markRead = useMarkRead();
  const handleError = useErrorHandler();
  const open = useOpenNotification(onClose);
  const data = latest.data;
  const now = new Date();
  return (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ padding: '4px 12px' }}>
        <Typography.Text strong>
          消息{data && data.unread > 0 ? `（${data.unread} 条未读）` : ''}
        </Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!data || data.unread === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true }, { onError: (e) => handleError(e) })}
        >
          全部标为已读
        </Button>
      </Flex>
      <Divider style={{ margin: '4px 0' }} />
      <Spin spinning={latest.isPending}>
        {data && data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
        ) : (
          <ul aria-label="最新消息" style={{ listStyle: 'none', margin: 0, padding: 0, minHeight: 48 }}>
            {(data?.items ?? []).map((item) => (
              <li key={item.id}>
                <NotificationItemView item={item} onOpen={open} now={now} />
              </li>
            ))}
          </ul>
        )}
      </Spin>
      <Divider style={{ margin: '4px 0' }} />
      <Flex justify="center">
        <Link to="/notifications" onClick={onClose} style={{ padding: '4px 12px' }}>
          查看全部
        </Link>
      </Flex>
    </div>
  );
}

/**
 * The header's bell for every signed-in user: the unread count (polled each minute and on focus);
 * a popover of the newest messages on wide screens, the message centre itself on phones.
 */
export function NotificationBell({ compact }: { compact: boolean }) {
  const latest = useLatestNotifications();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = latest.data?.unread ?? 0;
  // Until the count has arrived the bell does not claim there is nothing unread.
  const button = (
    <Button
      type="text"
      aria-label={latest.data ? bellLabel(unread) : '消息'}
      onClick={compact ? () => navigate('/notifications') : undefined}
      icon={
        <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  if (compact) return button;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={<LatestPanel onClose={() => setOpen(false)} />}
      styles={{ container: { padding: '8px 4px' } }}
    >
      {button}
    </Popover>
  );
}
