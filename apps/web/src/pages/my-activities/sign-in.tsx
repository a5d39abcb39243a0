import { Button, Flex, Result, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { useSignIn } from '../activities/api';
import { formatShanghai } from '../activities/columns';

/**
 * The activity id a sign-in token names: the token is base64url of `${activityId}.${window}.${mac}`.
 * Null when the text is not such a token (the server checks the rest).
 */
export function activityIdOfToken(token: string): number | null {
  try {
    const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const [id] = atob(padded).split('.');
    const n = Number(id);
    return id && /^\d{1,10}$/.test(id) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** True when the server refused because the activity checks the place and no position was sent. */
function needsPosition(error: unknown): boolean {
  return (
    isApiError(error, 'VALIDATION_FAILED') && (error.details?.fields ?? []).some((f) => f.path === 'lat')
  );
}

function currentPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('此浏览器无法获取位置，请换用手机浏览器扫码'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude }),
      () => reject(new Error('未能获取您的位置：本次活动需核验签到位置，请允许浏览器获取位置后重新扫码')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  });
}

type Phase = 'working' | 'locating' | 'done' | 'failed';

/**
 * /m/sign-in?t=…: the page a member's phone opens from the meeting screen's QR code. It posts the
 * token once (asking for the position only if the activity checks it) and shows the result big.
 */
export function SignInPage() {
  const [search] = useSearchParams();
  const token = search.get('t') ?? '';
  const activityId = activityIdOfToken(token);
  const signIn = useSignIn();
  const sent = useRef(false);
  const [phase, setPhase] = useState<Phase>('working');
  const [failure, setFailure] = useState<unknown>(null);
  const { mutateAsync, data } = signIn;

  useEffect(() => {
    if (sent.current || activityId === null) return;
    sent.current = true;
    const run = async () => {
      try {
        await mutateAsync({ id: activityId, body: { token } });
        setPhase('done');
      } catch (error) {
        if (!needsPosition(error)) throw error;
        setPhase('locating');
        const position = await currentPosition();
        setPhase('working');
        await mutateAsync({ id: activityId, body: { token, ...position } });
        setPhase('done');
      }
    };
    run().catch((error: unknown) => {
      setFailure(error);
      setPhase('failed');
    });
  }, [activityId, token, mutateAsync]);

  const back = (
    <Link to="/me/activities">
      <Button size="large" block>
        我的组织生活
      </Button>
    </Link>
  );

  let content: ReactNode;
  if (activityId === null) {
    content = <Result status="error" title="签到码无效" subTitle="请扫描会场屏幕上的二维码" extra={back} />;
  } else if (phase === 'done' && data) {
    content = (
      <Result
        status="success"
        title={<span style={{ fontSize: 32 }}>{data.already ? '您已签到' : '签到成功'}</span>}
        subTitle={
          <Flex vertical gap={4} style={{ fontSize: 16 }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {data.title}
            </Typography.Text>
            <span>签到时间 {formatShanghai(data.signedInAt, 'MM-DD HH:mm:ss')}</span>
          </Flex>
        }
        extra={back}
      />
    );
  } else if (phase === 'failed') {
    const expired = isApiError(failure, 'SIGN_IN_CODE_EXPIRED');
    content = (
      <Result
        status={expired || isApiError(failure, 'SIGN_IN_CLOSED') ? 'warning' : 'error'}
        title={<span style={{ fontSize: 28 }}>签到未成功</span>}
        subTitle={<span style={{ fontSize: 16 }}>{errorMessage(failure)}</span>}
        extra={back}
      />
    );
  } else {
    content = (
      <Flex vertical align="center" gap={16} style={{ padding: '64px 0' }}>
        <Spin size="large" />
        <Typography.Text style={{ fontSize: 18 }}>
          {phase === 'locating' ? '正在核验您的位置…' : '正在签到…'}
        </Typography.Text>
      </Flex>
    );
  }

  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 16, maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        组织生活签到
      </Typography.Title>
      {content}
    </Flex>
  );
}
