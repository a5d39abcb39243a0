import { CameraOutlined, DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  type AttachmentKind,
  activityLimits,
  attachmentKindLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  List,
  Popconfirm,
  Progress,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { attachmentUrl, useDeleteAttachment, useUpdateActivity, useUploadAttachment } from './api';
import { formatShanghai } from './columns';

interface MinutesValues {
  minutes?: string | null;
  summary?: string | null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Upload button for one kind of file; the size limit is checked before sending. */
function UploadButton({ detail, kind }: { detail: ActivityDetail; kind: AttachmentKind }) {
  const me = useMe();
  const upload = useUploadAttachment();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Flex vertical gap={4}>
      <Upload
        // What the server accepts (it judges the content; this only narrows the file picker).
        accept={
          kind === 'photo'
            ? '.jpg,.jpeg,.png,.webp'
            : '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.webp,.gif,.txt'
        }
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > activityLimits.attachmentBytes) {
            message.error(`${file.name} 超过 ${formatSize(activityLimits.attachmentBytes)}，不能上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          setPercent(0);
          upload
            .mutateAsync({ id: detail.id, kind, file, csrfToken: me.csrfToken, onProgress: setPercent })
            .then((result) => {
              onSuccess?.(result);
              message.success(`${file.name} 已上传`);
            })
            .catch((error: unknown) => {
              onError?.(error instanceof Error ? error : new Error('上传失败'));
              handleError(error);
            })
            .finally(() => setPercent(null));
        }}
      >
        <Button icon={kind === 'photo' ? <CameraOutlined /> : <UploadOutlined />}>
          上传{attachmentKindLabels[kind]}
        </Button>
      </Upload>
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
    </Flex>
  );
}

/** 纪要与附件: minutes and summary, photos as a grid of thumbnails, other files as a list. */
export function MinutesTab({ detail, onConflict }: { detail: ActivityDetail; onConflict: () => void }) {
  const update = useUpdateActivity(detail.id);
  const remove = useDeleteAttachment(detail.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<MinutesValues>();
  const canEdit = detail.abilities.edit;
  const photos = detail.attachments.filter((a) => a.kind === 'photo');
  const files = detail.attachments.filter((a) => a.kind === 'file');
  const canAdd = canEdit && detail.attachments.length < activityLimits.attachmentsPerActivity;

  const saveMinutes = async () => {
    let values: MinutesValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await update.mutateAsync({
        minutes: blankToNull(values.minutes),
        summary: blankToNull(values.summary),
        version: detail.version,
      });
      message.success('纪要已保存');
    } catch (error) {
      handleError(error, { form, onConflict });
    }
  };
  const deleteAttachment = async (attachmentId: number) => {
    try {
      await remove.mutateAsync(attachmentId);
      message.success('已删除');
    } catch (error) {
      handleError(error);
    }
  };
  const deleteButton = (attachmentId: number, name: string) =>
    canEdit ? (
      <Popconfirm title={`删除 ${name}？`} onConfirm={() => deleteAttachment(attachmentId)}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${name}`} />
      </Popconfirm>
    ) : null;

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="会议纪要">
        {canEdit ? (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ minutes: detail.minutes, summary: detail.summary }}
            key={detail.version}
          >
            <Form.Item
              name="minutes"
              label="会议内容"
              rules={[
                {
                  max: activityLimits.minutes.max,
                  message: `会议内容不能超过 ${activityLimits.minutes.max} 个字`,
                },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} placeholder="发言、讨论和议定事项" />
            </Form.Item>
            <Form.Item
              name="summary"
              label="摘要"
              rules={[
                {
                  max: activityLimits.summary.max,
                  message: `摘要不能超过 ${activityLimits.summary.max} 个字`,
                },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} placeholder="台账中显示的一句话摘要" />
            </Form.Item>
            <Flex justify="end">
              <Button type="primary" loading={update.isPending} onClick={() => void saveMinutes()}>
                保存纪要
              </Button>
            </Flex>
          </Form>
        ) : detail.minutes || detail.summary ? (
          <>
            {detail.summary ? <Typography.Paragraph strong>{detail.summary}</Typography.Paragraph> : null}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{detail.minutes}</Typography.Paragraph>
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有纪要" />
        )}
      </Card>

      <Card
        size="small"
        title={`${attachmentKindLabels.photo}（${photos.length}）`}
        extra={canAdd ? <UploadButton detail={detail} kind="photo" /> : null}
      >
        {photos.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />
        ) : (
          <Image.PreviewGroup>
            <Flex wrap gap={12}>
              {photos.map((p) => (
                <Flex key={p.id} vertical gap={4} style={{ width: 140 }}>
                  <Image
                    src={attachmentUrl(detail.id, p.id)}
                    alt={p.fileName}
                    width={140}
                    height={105}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                  />
                  <Flex justify="space-between" align="center">
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {p.fileName}
                    </Typography.Text>
                    {deleteButton(p.id, p.fileName)}
                  </Flex>
                </Flex>
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
      </Card>

      <Card
        size="small"
        title={`${attachmentKindLabels.file}（${files.length}）`}
        extra={canAdd ? <UploadButton detail={detail} kind="file" /> : null}
      >
        {files.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有附件" />
        ) : (
          <List
            size="small"
            dataSource={files}
            renderItem={(f) => (
              <List.Item extra={deleteButton(f.id, f.fileName)}>
                <Flex gap={8} wrap align="center">
                  <PaperClipOutlined />
                  <a href={attachmentUrl(detail.id, f.id)} download={f.fileName}>
                    {f.fileName}
                  </a>
                  <Typography.Text type="secondary">
                    {formatSize(f.size)} · {formatShanghai(f.uploadedAt)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
