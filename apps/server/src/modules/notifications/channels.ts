/**
 * The outside channels: e-mail through SMTP (nodemailer) and the group robots of 企业微信 and 钉钉 (their
 * documented webhook formats: markdown messages; 钉钉's optional signing with the robot's secret). A robot's
 * address must be on an allowed host (the two services by default, `DJ_WEBHOOK_HOSTS` adds others), so a
 * secretary's setting cannot make the server call into the campus network.
 */
import { createHmac } from 'node:crypto';
import type { RobotKind } from '@dangjian/core';
import nodemailer from 'nodemailer';

export const defaultWebhookHosts = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

export interface ChannelConfig {
  /** SMTP server (smtp://user:pass@host:587 or smtps://…); null: e-mail is off. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Hosts (host or host:port) robots may post to, beyond the two services. */
  webhookHosts: readonly string[];
  /** The platform's address as users reach it, for links in outside messages (DJ_PUBLIC_URL). */
  publicUrl: string | null;
}

/** Why a robot address is refused, or null when it is fine. */
export function webhookUrlProblem(url: string, extraHosts: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '网址格式不正确';
  }
  const extra = extraHosts.includes(u.host) || extraHosts.includes(u.hostname);
  if (!extra && !defaultWebhookHosts.includes(u.hostname))
    return `只能填写企业微信或钉钉群机器人的 Webhook 地址（${defaultWebhookHosts.join('、')}）`;
  if (!extra && u.protocol !== 'https:') return 'Webhook 地址须以 https:// 开头';
  if (u.username || u.password) return 'Webhook 地址不能包含用户名或密码';
  return null;
}

/** A robot address for display: its key or token masked (it is a credential). */
export function maskWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const k of ['key', 'access_token']) {
      const v = u.searchParams.get(k);
      if (v) u.searchParams.set(k, v.length > 8 ? `${v.slice(0, 4)}****${v.slice(-4)}` : '****');
    }
    return decodeURIComponent(u.toString());
  } catch {
    return '****';
  }
}

export interface OutsideMessage {
  subject: string;
  body: string;
  /** A path of the web app ('/alerts/…'), made absolute with publicUrl when known. */
  link: string | null;
}

const absolute = (config: ChannelConfig, link: string | null) =>
  link ? (config.publicUrl ? new URL(link, config.publicUrl).toString() : null) : null;

/** The sender of e-mails, or null when no SMTP server is configured. */
export function createMailer(config: ChannelConfig) {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(to: string, m: OutsideMessage, messageId: string): Promise<void> {
      const url = absolute(config, m.link);
      await transport.sendMail({
        from: config.mailFrom,
        to,
        subject: m.subject,
        // The delivery's own id: a message sent twice (a crash between sending and recording) is one to the mail client.
        messageId: `<${messageId}@dangjian>`,
        text: `${m.body}${url ? `\n\n查看：${url}` : ''}\n\n——党建工作平台（可在“消息 → 通知设置”中关闭邮件）`,
      });
    },
    close: () => transport.close(),
  };
}
export type Mailer = NonNullable<ReturnType<typeof createMailer>>;

/** Posts a markdown message to a group robot; throws on a refusal so the queue retries. */
export async function postToRobot(
  config: ChannelConfig,
  robot: { kind: RobotKind; url: string; secret: string | null },
  m: OutsideMessage,
  now: Date,
): Promise<void> {
  const problem = webhookUrlProblem(robot.url, config.webhookHosts);
  if (problem) throw new Error(`群机器人地址不可用：${problem}`);
  const url = absolute(config, m.link);
  const more = url ? `\n\n[查看详情](${url})` : '';
  let target = robot.url;
  let payload: unknown;
  if (robot.kind === 'wecom') {
    payload = { msgtype: 'markdown', markdown: { content: `**${m.subject}**\n${m.body}${more}` } };
  } else {
    if (robot.secret) {
      const timestamp = String(now.getTime());
      const sign = createHmac('sha256', robot.secret)
        .update(`${timestamp}\n${robot.secret}`)
        .digest('base64');
      const u = new URL(target);
      u.searchParams.set('timestamp', timestamp);
      u.searchParams.set('sign', sign);
      target = u.toString();
    }
    payload = {
      msgtype: 'markdown',
      markdown: { title: m.subject, text: `#### ${m.subject}\n\n${m.body}${more}` },
    };
  }
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    const timedOut = (e as Error).name === 'TimeoutError';
    throw new Error(
      timedOut ? '群机器人 10 秒内没有回应' : '无法连接群机器人的服务器（请检查网址和服务器的外网访问）',
    );
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`群机器人返回 HTTP ${res.status}`);
  let answer: { errcode?: number; errmsg?: string } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error('群机器人返回的内容无法识别');
  }
  if (answer.errcode !== 0) throw new Error(`群机器人拒绝：${answer.errcode} ${answer.errmsg ?? ''}`.trim());
}
