import type { SetupStatus } from '@dangjian/core';
import { Button, Flex, Typography } from 'antd';
import { roleLabelOf } from '../../lib/format';

/** A demo account listed on the login page of the demo college. */
export type DemoAccount = SetupStatus['demoAccounts'][number];

/**
 * The demo accounts as buttons (a list, not a table: the sign-in page stays light, and each account is
 * one keyboard stop, named by what it shows). Choosing one fills in the user name.
 */
export function DemoAccountList({
  accounts,
  onChoose,
}: {
  accounts: readonly DemoAccount[];
  onChoose: (account: DemoAccount) => void;
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {accounts.map((a) => (
        <li key={a.username}>
          <Button
            type="text"
            block
            style={{ height: 'auto', padding: '6px 8px', textAlign: 'start' }}
            onClick={() => onChoose(a)}
          >
            <Flex gap={12} wrap style={{ width: '100%' }}>
              <Typography.Text strong style={{ minWidth: 88 }}>
                {a.username}
              </Typography.Text>
              <Typography.Text style={{ minWidth: 120 }}>{roleLabelOf(a.role)}</Typography.Text>
              <Typography.Text type="secondary">{a.displayName}</Typography.Text>
            </Flex>
          </Button>
        </li>
      ))}
    </ul>
  );
}
