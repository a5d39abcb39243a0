import { DownloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import {
  type RecruitmentTemplateInfo,
  type RecruitmentTemplateKind,
  recruitmentLimits,
  recruitmentTemplateInfo,
} from '@dangjian/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Progress,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { uploadRaw } from '../../lib/upload';

const templateKeys = { all: ['recruitment', 'templates'] as const };
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function useTemplates() {
  return useQuery({
    queryKey: templateKeys.all,
    queryFn: ({ signal }) =>
      api.get<RecruitmentTemplateInfo[]>('/api/recruitment/templates', undefined, { signal }),
  });
}

/** Replaces a kind's template with an uploaded .docx (the server checks its placeholders). */
function useUploadTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      kind: RecruitmentTemplateKind;
      file: File;
      csrfToken: string;
      onProgress: (percent: number) => void;
    }) =>
      uploadRaw({
        method: 'PUT',
        path: `/api/recruitment/templates/${input.kind}`,
        query: { fileName: input.file.name },
        file: input.file,
        contentType: docxType,
        csrfToken: input.csrfToken,
        response: z.array(recruitmentTemplateInfo),
        onProgress: input.onProgress,
      }),
    onSuccess: (list) => queryClient.setQueryData(templateKeys.all, list),
  });
}

/** Drops the school's template so that the built-in one is used again. */
function useRestoreTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: RecruitmentTemplateKind) =>
      api.delete<RecruitmentTemplateInfo[]>(`/api/recruitment/templates/${kind}`),
    onSuccess: (list) => queryClient.setQueryData(templateKeys.all, list),
  });
}

/** Upload button of one kind: .docx only, size checked before sending, progress while sending. */
function UploadTemplateButton({ template }: { template: RecruitmentTemplateInfo }) {
  const me = useMe();
  const upload = useUploadTemplate();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Flex vertical gap={4}>
      <Upload
        accept={`.docx,${docxType}`}
        showUploadList={false}
        beforeUpload={(file) => {
          if (!/\.docx$/i.test(file.name)) {
            message.error('请上传 .docx 格式的 Word 文件（.doc 请先另存为 .docx）');
            return Upload.LIST_IGNORE;
          }
          if (file.size > recruitmentLimits.fileBytes.max) {
            message.error(`${file.name} 超过 10 MB，不能上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          setPercent(0);
          upload
            .mutateAsync({ kind: template.kind, file, csrfToken: me.csrfToken, onProgress: setPercent })
            .then((result) => {
              onSuccess?.(result);
              message.success(`已上传新的「${template.label}」模板`);
            })
            .catch((error: unknown) => {
              onError?.(error instanceof Error ? error : new Error('上传失败'));
              handleError(error);
            })
            .finally(() => setPercent(null));
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={percent !== null}>
          上传新模板
        </Button>
      </Upload>
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
    </Flex>
  );
}

function RestoreButton({ template }: { template: RecruitmentTemplateInfo }) {
  const restore = useRestoreTemplate();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={`恢复内置的「${template.label}」模板？`}
      description="学校上传的模板将被删除，之后生成的材料使用内置模板。"
      okText="恢复"
      cancelText="取消"
      onConfirm={() =>
        restore
          .mutateAsync(template.kind)
          .then(() => message.success('已恢复内置模板'))
          .catch(handleError)
      }
    >
      <Button
        size="small"
        icon={<RollbackOutlined />}
        disabled={!template.custom}
        loading={restore.isPending}
      >
        恢复内置
      </Button>
    </Popconfirm>
  );
}

const columns: TableColumnsType<RecruitmentTemplateInfo> = [
  { title: '名称', dataIndex: 'label', key: 'label', width: 200 },
  {
    title: '来源',
    key: 'source',
    render: (_, t) =>
      t.custom ? (
        <Flex vertical gap={2}>
          <span>
            <Tag color="red">学校上传</Tag>
            {t.fileName}
          </span>
          <Typography.Text type="secondary">
            {t.uploaderName ?? '—'} 于 {formatDateTime(t.uploadedAt)}
          </Typography.Text>
        </Flex>
      ) : (
        <Tag>内置</Tag>
      ),
  },
  {
    title: '操作',
    key: 'actions',
    width: 320,
    render: (_, t) => (
      <Flex gap={8} wrap align="start">
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={`/api/recruitment/templates/${t.kind}.docx`}
          download
        >
          下载当前模板
        </Button>
        <UploadTemplateButton template={t} />
        <RestoreButton template={t} />
      </Flex>
    ),
  },
];

/** "{姓名}" whether the server lists the key with or without its braces. */
const asPlaceholder = (key: string) => (key.startsWith('{') ? key : `{${key}}`);

/** Every placeholder any template may use, once each, in the order the server lists them. */
function allPlaceholders(templates: readonly RecruitmentTemplateInfo[]) {
  const seen = new Map<string, string>();
  for (const t of templates) for (const p of t.placeholders) if (!seen.has(p.key)) seen.set(p.key, p.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** 材料模板: the school's Word templates of the recruitment materials, with their placeholders. */
export function RecruitmentTemplatesPage() {
  const templates = useTemplates();
  const placeholders = useMemo(() => allPlaceholders(templates.data ?? []), [templates.data]);

  return (
    <PageContainer title="材料模板">
      <Flex vertical gap={16}>
        <Card>
          {templates.isError ? (
            <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
          ) : null}
          <Table<RecruitmentTemplateInfo>
            rowKey="kind"
            size="middle"
            loading={templates.isPending}
            dataSource={templates.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
        <Card title="如何修改模板">
          <Alert
            type="info"
            showIcon
            title="在 Word 中编辑模板，用 {占位符} 表示要填入的内容"
            description={
              <ol style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
                <li>点击「下载当前模板」，用 Word 或 WPS 打开。</li>
                <li>
                  按学校的格式修改版式和文字；需要从档案自动填入的地方，写上下表中的占位符（含花括号），如{' '}
                  {'{姓名}'}。
                </li>
                <li>
                  另存为 .docx，点击「上传新模板」。系统会检查占位符，写错的会提示出来，模板不会被替换。
                </li>
                <li>
                  材料上的日期都取自档案中登记的步骤（如 {'{落款日期}'}
                  是谈话、政审、支部大会的日期，公示为公示开始日），不是下载当天；签字栏中尚未办理的步骤，日期留空「年
                  月 日」供手写。
                </li>
                <li>档案中尚未填写的内容在生成的材料中显示为「（未填写）」。需要时可随时「恢复内置」。</li>
              </ol>
            }
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            可用的占位符
          </Typography.Title>
          <Table
            rowKey="key"
            size="small"
            loading={templates.isPending}
            dataSource={placeholders}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '占位符',
                key: 'key',
                width: 180,
                render: (_, p) => (
                  <Typography.Text code copyable>
                    {asPlaceholder(p.key)}
                  </Typography.Text>
                ),
              },
              { title: '含义', dataIndex: 'label', key: 'label' },
            ]}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
