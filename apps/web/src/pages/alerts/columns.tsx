import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { RuleKindTag } from '../../components/clause-view';
import { SeverityTag } from '../../components/severity-tag';
import { emptyText, formatDate } from '../../lib/format';
import type { AlertItem } from './api';

/** A finding with a stable row key (findings have no id of their own). */
export interface AlertRow extends AlertItem {
  key: string;
}

/** Columns of the finding table; `showOrg` is false inside one org's detail tab. */
export function alertColumns(showOrg: boolean): TableColumnsType<AlertRow> {
  const columns: TableColumnsType<AlertRow> = [
    {
      title: '级别',
      dataIndex: 'severity',
      key: 'severity',
      width: 72,
      render: (_, row) => <SeverityTag severity={row.severity} />,
    },
    {
      title: '规则',
      dataIndex: 'title',
      key: 'title',
      width: 180,
      render: (_, row) => (
        <span>
          {row.title}
          <br />
          <RuleKindTag kind={row.kind} />
        </span>
      ),
    },
    {
      title: '党组织',
      dataIndex: 'orgName',
      key: 'orgName',
      width: 180,
      render: (_, row) => <Link to={`/orgs/${row.orgId}?tab=alerts`}>{row.orgName}</Link>,
    },
    {
      title: '问题',
      dataIndex: 'message',
      key: 'message',
      width: 260,
      render: (_, row) => <Typography.Text>{row.message}</Typography.Text>,
    },
    {
      title: '整改建议',
      dataIndex: 'suggestion',
      key: 'suggestion',
      width: 240,
      render: (_, row) => <Typography.Text type="secondary">{row.suggestion}</Typography.Text>,
    },
    {
      title: '期限',
      dataIndex: 'dueDate',
      key: 'dueDate',
      width: 110,
      render: (_, row) => (row.dueDate ? formatDate(row.dueDate) : emptyText),
    },
  ];
  return showOrg ? columns : columns.filter((c) => c.key !== 'orgName');
}
