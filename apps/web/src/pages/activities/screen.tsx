import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { activityKindLabels, signInCode } from '@dangjian/core';
import { Button, Flex, QRCode, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { useActivityDetail, useSignInCode } from './api';
import { formatShanghai } from './columns';

const background = 'linear-gradient(160deg, #a8071a 0%, #cf1322 55%, #f5222d 100%)';

/** Toggles the browser's full-screen mode for the meeting room's screen. */
function FullscreenButton() {
  const [isFull, setIsFull] = useState(() => document.fullscreenElement !== null);
  const toggle = async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
    setIsFull(document.fullscreenElement !== null);
  };
  return (
    <Button
      ghost
      icon={isFull ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
      onClick={() => void toggle().catch(() => undefined)}
    >
      {isFull ? '退出全屏' : '全屏'}
    </Button>
  );
}

/**
 * The meeting screen: a QR code signed by the server that changes every few seconds (a photo sent to
 * someone outside the room stops working), with live 实到/应到. Polls at half the rotation period.
 */
export function ActivityScreenPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const detail = useActivityDetail(id);
  const code = useSignInCode(id);
  const rotateSeconds = code.data?.rotateSeconds ?? signInCode.rotateSeconds;

  const d = detail.data;
  const url = code.data ? `${window.location.origin}${code.data.path}` : null;
  const isStale = code.isError || !url;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={24}
      style={{ minHeight: '100vh', background, color: '#fff', padding: 24, textAlign: 'center' }}
    >
      <Flex style={{ position: 'absolute', top: 16, right: 16 }} gap={8}>
        <FullscreenButton />
        <Link to={`/activities/${id}?tab=attendance`}>
          <Button ghost>返回记录</Button>
        </Link>
      </Flex>
      <div>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
          {d?.title ?? '组织生活签到'}
        </Typography.Title>
        {d ? (
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 20 }}>
            {d.org.name} · {activityKindLabels[d.kind]} · {formatShanghai(d.startsAt)}
            {d.place ? ` · ${d.place}` : ''}
          </Typography.Text>
        ) : null}
      </div>
      {isStale ? (
        <Result
          status="warning"
          title={<span style={{ color: '#fff' }}>签到码暂不可用</span>}
          subTitle={
            <span style={{ color: 'rgba(255,255,255,0.85)' }}>
              {code.isError ? errorMessage(code.error) : '正在获取签到码…'}
            </span>
          }
        />
      ) : (
        <div
          data-sign-in-url={url}
          style={{ background: '#fff', padding: 16, borderRadius: 12, lineHeight: 0 }}
          role="img"
          aria-label="签到二维码"
        >
          <QRCode value={url} size={Math.min(420, window.innerWidth - 80)} bordered={false} errorLevel="M" />
        </div>
      )}
      <Typography.Text style={{ color: '#fff', fontSize: 22 }}>
        请用手机扫码签到（二维码每 {rotateSeconds} 秒更新）
      </Typography.Text>
      {code.data ? (
        <Flex gap={48} justify="center" style={{ fontSize: 28 }}>
          <div>
            实到{' '}
            <strong data-testid="present-count" style={{ fontSize: 56 }}>
              {code.data.present}
            </strong>
          </div>
          <div>
            应到 <strong style={{ fontSize: 56 }}>{code.data.expected}</strong>
          </div>
        </Flex>
      ) : null}
    </Flex>
  );
}
