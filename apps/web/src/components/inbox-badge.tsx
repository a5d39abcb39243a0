import { CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useInbox } from '../pages/inbox/api';
import { inboxLabel } from '../pages/inbox/format';

/**
 * The header's 待办 for every signed-in user: a button to /inbox with the count (polled each
 * minute and on focus); on phones only the icon and badge.
 */
export function InboxBadge({ compact }: { compact: boolean }) {
  const inbox = useInbox();
  const navigate = useNavigate();
  const total = inbox.data?.total ?? 0;
  // Until the count has arrived the button does not claim there is nothing to do.
  const label = inbox.data ? inboxLabel(total) : '待办';
  const go = () => navigate('/inbox');
  if (compact) {
    return (
      <Button
        type="text"
        aria-label={label}
        onClick={go}
        icon={
          <Badge count={total} size="small" overflowCount={99} offset={[2, -2]}>
            <CheckSquareOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    );
  }
  // On wide screens the word and the count stand side by side (the count beside, not over, the text).
  return (
    <Button
      type="text"
      aria-label={label}
      onClick={go}
      icon={<CheckSquareOutlined style={{ fontSize: 16 }} />}
    >
      待办
      {total > 0 ? <Badge count={total} size="small" overflowCount={99} /> : null}
    </Button>
  );
}
