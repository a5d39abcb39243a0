import { Alert, type App, Typography } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

interface SecretModalOptions {
  title: string;
  /** Explains what the secret is and that it is shown only once. */
  description: string;
  secret: string;
  onClose?: () => void;
}

/**
 * Shows a generated password once, with a copy button. The server never shows it again, so the
 * dialog only closes when the user confirms they have recorded it.
 */
export function showSecretOnce(
  modal: ModalApi,
  { title, description, secret, onClose }: SecretModalOptions,
): void {
  modal.info({
    title,
    width: 460,
    okText: '我已记录',
    keyboard: false,
    content: (
      <div>
        <Alert type="warning" showIcon title={description} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: secret, tooltips: ['复制', '已复制'] }}
          code
          style={{ fontSize: 18, marginBottom: 0 }}
        >
          {secret}
        </Typography.Paragraph>
      </div>
    ),
    ...(onClose ? { onOk: onClose } : {}),
  });
}
