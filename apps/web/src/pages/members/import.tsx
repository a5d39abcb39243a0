import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type ImportRowAction,
  importRowActionLabels,
  type MemberImportListItem,
  type MemberImportReport,
  memberImportMaxBytes,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Input,
  Progress,
  Result,
  Statistic,
  Steps,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatCount, formatDateTime } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  memberDownloads,
  reportOfError,
  type UploadProgress,
  useImportHistory,
  useMemberImport,
} from './api';
import { memberFieldLabel } from './columns';

type Problem = MemberImportReport['problems'][number];
type RowChange = MemberImportReport['changes'][number];

const problemColumns: TableColumnsType<Problem> = [
  { title: '行', dataIndex: 'row', key: 'row', width: 70, sorter: (a, b) => a.row - b.row },
  { title: '列', dataIndex: 'column', key: 'column', width: 120 },
  { title: '问题', dataIndex: 'message', key: 'message' },
];

const actionColors = { create: 'green', update: 'blue', unchanged: 'default' } as const satisfies Record<
  ImportRowAction,
  string
>;

const changeColumns: TableColumnsType<RowChange> = [
  { title: '行', dataIndex: 'row', key: 'row', width: 70 },
  { title: '姓名', dataIndex: 'name', key: 'name', width: 100 },
  {
    title: '处理',
    key: 'action',
    width: 80,
    render: (_, c) => <Tag color={actionColors[c.action]}>{importRowActionLabels[c.action]}</Tag>,
  },
  {
    title: '变更的项目',
    key: 'fields',
    render: (_, c) => (c.fields.length > 0 ? c.fields.map(memberFieldLabel).join('、') : emptyText),
  },
];

const historyColumns: TableColumnsType<MemberImportListItem> = [
  { title: '时间', key: 'at', width: 150, render: (_, h) => formatDateTime(h.at) },
  { title: '文件', dataIndex: 'fileName', key: 'fileName', width: 220 },
  { title: '操作人', key: 'actor', width: 100, render: (_, h) => h.actorName ?? emptyText },
  { title: '数据行', dataIndex: 'rowCount', key: 'rowCount', width: 80 },
  { title: '新增', dataIndex: 'createdCount', key: 'createdCount', width: 70 },
  { title: '更新', dataIndex: 'updatedCount', key: 'updatedCount', width: 70 },
  { title: '无变化', dataIndex: 'unchangedCount', key: 'unchangedCount', width: 80 },
];

/** Upload progress, then the server's check of a large file. */
function ProgressNote({
  progress,
  fileName,
  onCancel,
}: {
  progress: UploadProgress;
  fileName: string;
  onCancel: () => void;
}) {
  return (
    <Flex vertical gap={8} style={{ padding: '8px 0' }}>
      <Typography.Text>
        {progress.phase === 'uploading'
          ? `正在上传 ${fileName}…`
          : '上传完成，正在逐行检查（大文件需要一些时间）…'}
      </Typography.Text>
      <Progress
        percent={progress.phase === 'uploading' ? progress.percent : 100}
        status="active"
        format={(p) => (progress.phase === 'processing' ? '检查中' : `${p}%`)}
      />
      <div>
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
      </div>
    </Flex>
  );
}

/** The report of a dry run: counts, problems by row and column, the columns read and ignored. */
function ReportView({ report }: { report: MemberImportReport }) {
  const isNarrow = useIsNarrow();
  const [problemFilter, setProblemFilter] = useState('');
  const problems = useMemo(() => {
    const q = problemFilter.trim();
    if (!q) return report.problems;
    return report.problems.filter(
      (p) => p.column.includes(q) || p.message.includes(q) || String(p.row) === q,
    );
  }, [report.problems, problemFilter]);

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'file', label: '文件', children: report.fileName },
          { key: 'sheet', label: '工作表', children: report.sheetName },
          { key: 'layout', label: '识别为', children: report.layoutLabel },
          { key: 'header', label: '表头所在行', children: `第${report.headerRow}行` },
          { key: 'rows', label: '数据行', children: formatCount(report.rowCount) },
        ]}
      />
      <Flex wrap gap={32}>
        <Statistic title="新增" value={report.created} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title="更新" value={report.updated} styles={{ content: { color: '#0958d9' } }} />
        <Statistic title="无变化" value={report.unchanged} />
        <Statistic
          title="问题"
          value={report.problemCount}
          styles={{ content: { color: report.problemCount > 0 ? '#cf1322' : undefined } }}
        />
      </Flex>
      {report.previousImport ? (
        <Alert
          type="warning"
          showIcon
          title={`同一文件已于 ${formatDateTime(report.previousImport.at)} 由 ${report.previousImport.actorName ?? '他人'} 导入过，请确认是否需要再次导入。`}
        />
      ) : null}
      {report.ignoredColumns.length > 0 ? (
        <div>
          <Typography.Text type="secondary">未导入的列（系统不读取）：</Typography.Text>
          {report.ignoredColumns.map((c) => (
            <Tag key={c.letter}>
              {c.letter}列 {c.header}
            </Tag>
          ))}
        </div>
      ) : null}

      {report.problemCount > 0 ? (
        <Card size="small" title={`问题清单（${formatCount(report.problemCount)} 条）`}>
          <Flex vertical gap={8}>
            <Input.Search
              allowClear
              placeholder="按行号、列名或内容筛选"
              onSearch={setProblemFilter}
              onChange={(e) => setProblemFilter(e.target.value)}
              style={{ maxWidth: isNarrow ? undefined : 280 }}
            />
            {report.problemCount > report.problems.length ? (
              <Typography.Text type="secondary">
                仅列出前 {formatCount(report.problems.length)} 条，修改后重新上传可看到其余问题。
              </Typography.Text>
            ) : null}
            <Table<Problem>
              rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
              size="small"
              // On a phone the message alone says it all: 第3行 所在党支部：….
              columns={isNarrow ? problemColumns.filter((c) => c.key === 'message') : problemColumns}
              showHeader={!isNarrow}
              dataSource={problems}
              pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, simple: isNarrow }}
              scroll={isNarrow ? undefined : { x: 'max-content' }}
            />
          </Flex>
        </Card>
      ) : null}

      <Collapse
        size="small"
        items={[
          {
            key: 'columns',
            label: `识别的列（${report.columns.length}）`,
            children: (
              <Flex wrap gap={4}>
                {report.columns.map((c) => (
                  <Tag key={c.letter} color="blue">
                    {c.letter}列 {c.header}
                    {c.header === c.label ? '' : ` → ${c.label}`}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          ...(report.changes.length > 0
            ? [
                {
                  key: 'changes',
                  label: `将新增或更新的党员（${report.created + report.updated}）`,
                  children: (
                    <Table<RowChange>
                      rowKey="row"
                      size="small"
                      columns={changeColumns}
                      dataSource={report.changes}
                      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                      scroll={{ x: 'max-content' }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

/** 导入党员: template → upload → per-row report → confirm; then the history of imports. */
export function MemberImportPage() {
  const me = useMe();
  const isNarrow = useIsNarrow();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const upload = useMemberImport();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [report, setReport] = useState<MemberImportReport | null>(null);
  const [historyPage, setHistoryPage] = useState(1);
  const history = useImportHistory(historyPage, 10);
  const abortRef = useRef<AbortController | null>(null);

  const run = async (target: File, mode: 'dry-run' | 'commit') => {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ phase: 'uploading', percent: 0 });
    try {
      const result = await upload.mutateAsync({
        file: target,
        mode,
        csrfToken: me.csrfToken,
        onProgress: setProgress,
        signal: controller.signal,
      });
      setReport(result);
      if (result.committed) message.success(`导入完成：新增 ${result.created} 人，更新 ${result.updated} 人`);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      // A commit that found problems (the file changed since the check) answers with a fresh report.
      const refused = reportOfError(error);
      if (refused) {
        setReport(refused);
        message.error('文件中有问题，未导入任何数据，请按报告修改后重新上传');
      } else handleError(error);
    } finally {
      setProgress(null);
      abortRef.current = null;
    }
  };

  const choose = (chosen: File) => {
    if (!/\.xlsx$/i.test(chosen.name)) {
      message.error('请上传 .xlsx 格式的 Excel 文件（.xls 请先另存为 .xlsx）');
      return;
    }
    if (chosen.size > memberImportMaxBytes) {
      message.error(`文件不能超过 ${Math.round(memberImportMaxBytes / 1024 / 1024)} MB`);
      return;
    }
    setFile(chosen);
    setReport(null);
    void run(chosen, 'dry-run');
  };

  const restart = () => {
    setFile(null);
    setReport(null);
  };

  const committed = report?.committed ?? false;
  const canCommit =
    report !== null && !committed && report.problemCount === 0 && report.created + report.updated > 0;
  const step = committed ? 4 : report ? (canCommit ? 3 : 2) : file ? 1 : 0;
  const busy = progress !== null;

  return (
    <PageContainer title="导入党员名册" extra={<Link to="/members">返回党员名册</Link>}>
      <Flex vertical gap={16}>
        <Card>
          <Steps
            current={step}
            orientation={isNarrow ? 'vertical' : 'horizontal'}
            size="small"
            items={[
              { title: '下载模板', content: '按模板填写，或使用全国党员管理信息系统导出的名册' },
              { title: '上传文件', content: '.xlsx，最大 20 MB' },
              { title: '检查报告', content: '逐行列出问题，修改后重新上传' },
              { title: '确认导入', content: '全部通过后一次写入' },
            ]}
          />
        </Card>

        <Card title="1. 下载模板">
          <Flex vertical gap={8}>
            <Typography.Paragraph style={{ margin: 0 }}>
              模板第一行为表头，按身份证号识别党员：名册中已有的人员更新信息，没有的新增。所在党支部、单位、专业按名称填写。
            </Typography.Paragraph>
            <div>
              <Button icon={<DownloadOutlined />} href={memberDownloads.templateUrl}>
                下载导入模板
              </Button>
            </div>
          </Flex>
        </Card>

        <Card title="2. 上传文件">
          {busy && progress ? (
            <ProgressNote
              progress={progress}
              fileName={file?.name ?? ''}
              onCancel={() => abortRef.current?.abort()}
            />
          ) : committed ? (
            <Button icon={<ReloadOutlined />} onClick={restart}>
              导入其他文件
            </Button>
          ) : (
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={(chosen) => {
                choose(chosen);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">
                {report ? '修改后点击或拖入文件，重新检查' : '点击选择或将 Excel 文件拖到这里'}
              </p>
              <p className="ant-upload-hint">
                {file ? `当前文件：${file.name}` : '只检查不写入；检查通过后再确认导入'}
              </p>
            </Upload.Dragger>
          )}
        </Card>

        {report ? (
          <Card title={committed ? '导入结果' : '3. 检查报告'}>
            {committed ? (
              <Result
                status="success"
                icon={<CheckCircleOutlined />}
                title="导入完成"
                subTitle={`新增 ${report.created} 人，更新 ${report.updated} 人，${report.unchanged} 人无变化。每位党员的时间线中都记录了本次导入。`}
                extra={
                  <Link to="/members">
                    <Button type="primary">查看党员名册</Button>
                  </Link>
                }
              />
            ) : (
              <ReportView report={report} />
            )}
          </Card>
        ) : null}

        {report && !committed ? (
          <Card title="4. 确认导入">
            {report.problemCount > 0 ? (
              <Alert
                type="error"
                showIcon
                title={`文件中有 ${report.problemCount} 处问题，不能导入`}
                description="请按上面的报告在 Excel 中逐行修改，保存后在第 2 步重新上传。导入是整体进行的：有任何问题都不会写入数据。"
              />
            ) : report.created + report.updated === 0 ? (
              <Alert type="info" showIcon title="文件中的信息与名册一致，无需导入。" />
            ) : (
              <Flex vertical gap={12} align="flex-start">
                <Alert
                  type="success"
                  showIcon
                  title={`检查通过：将新增 ${report.created} 人，更新 ${report.updated} 人。`}
                />
                <Button
                  type="primary"
                  size="large"
                  loading={busy}
                  disabled={!file}
                  onClick={() => file && void run(file, 'commit')}
                >
                  确认导入
                </Button>
              </Flex>
            )}
          </Card>
        ) : null}

        <Card title="导入记录">
          {history.isError ? (
            <QueryError error={history.error} onRetry={() => void history.refetch()} />
          ) : null}
          <Table<MemberImportListItem>
            rowKey="id"
            size="small"
            columns={historyColumns}
            dataSource={history.data?.items ?? []}
            loading={history.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚无导入记录' }}
            pagination={{
              current: historyPage,
              pageSize: 10,
              total: history.data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: setHistoryPage,
            }}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
