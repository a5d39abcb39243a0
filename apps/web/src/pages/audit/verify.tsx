import { DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import {
  type AuditVerifyResult,
  auditProblemLabels,
  type SignedAuditCheckpoint,
  signedAuditCheckpoint,
} from '@dangjian/core';
import { Alert, App, Button, Input, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useErrorHandler } from '../../lib/errors';
import { useAuditCheckpoint, useVerifyAuditLog } from './api';

/** The outcome of a verification, with the finding's reason and the first bad entry. */
export function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const facts = `已校验 ${result.checked} 条记录、${result.checkpointsChecked} 个检查点；审计密钥编号 ${result.keyId}`;
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title="审计日志完整"
        description={`${facts}。密钥签名的哈希链完整，与检查点一致${
          result.keptCheckpointId !== null ? `，与您保存的检查点（第 ${result.keptCheckpointId} 条）一致` : ''
        }，未发现篡改或删除。`}
        style={{ marginBottom: 16 }}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={`审计日志完整性校验未通过：${result.problem ? auditProblemLabels[result.problem] : '未知问题'}`}
      description={
        <>
          {result.firstBrokenId !== null ? <div>第一条异常记录编号：{result.firstBrokenId}</div> : null}
          {result.reason ? <div>原因：{result.reason}</div> : null}
          <div>{facts}。请立即报告安全管理员，并保留已下载的检查点。</div>
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

function saveJson(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Toolbar of the auditor: verify now, download a signed checkpoint, verify against a kept one. */
export function VerifyToolbar({ onResult }: { onResult: (r: AuditVerifyResult) => void }) {
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const verify = useVerifyAuditLog();
  const checkpoint = useAuditCheckpoint();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);

  const run = (kept?: SignedAuditCheckpoint) =>
    verify.mutate(kept, {
      onSuccess: (r) => {
        onResult(r);
        setOpen(false);
      },
      onError: (error) => handleError(error),
    });

  const download = () =>
    checkpoint.mutate(undefined, {
      onSuccess: (c) => {
        saveJson(`审计日志检查点-第${c.id}条-${c.at.slice(0, 10)}.json`, c);
        message.success(`已下载签名的检查点（第 ${c.id} 条），请保存在平台之外`);
      },
      onError: (error) => handleError(error),
    });

  const verifyKept = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setParseError('不是有效的 JSON，请粘贴下载的检查点文件的全部内容');
      return;
    }
    const r = signedAuditCheckpoint.safeParse(parsed);
    if (!r.success) {
      setParseError('不是本平台的检查点文件（格式不对）');
      return;
    }
    setParseError(null);
    run(r.data);
  };

  return (
    <Space wrap>
      <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending && !open} onClick={() => run()}>
        校验日志完整性
      </Button>
      <Button icon={<DownloadOutlined />} loading={checkpoint.isPending} onClick={download}>
        下载签名检查点
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        用保存的检查点校验
      </Button>
      <Modal
        title="用保存的检查点校验"
        open={open}
        okText="校验"
        cancelText="取消"
        confirmLoading={verify.isPending}
        onOk={verifyKept}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          选择或粘贴以前下载的检查点文件。平台会核对它的签名，并检查那一条记录及其之前的哈希链是否仍与当时一致：
          若记录被删除、改动或末尾被截断，校验将不通过。
        </Typography.Paragraph>
        <Upload
          accept=".json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>选择检查点文件</Button>
        </Upload>
        <Input.TextArea
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="或在此粘贴检查点 JSON"
          style={{ marginTop: 12 }}
          status={parseError ? 'error' : undefined}
        />
        {parseError ? <Typography.Text type="danger">{parseError}</Typography.Text> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          离线核对签名：用文件中的 message、signature 和 publicKey，执行 openssl pkeyutl -verify -pubin -inkey
          公钥.pem -rawin -in 消息.txt -sigfile 签名.bin（公钥应与首次下载时保存的一致）。
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
