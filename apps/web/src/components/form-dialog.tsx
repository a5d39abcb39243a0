import { App, Button, Drawer, Form, type FormInstance, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useErrorHandler } from '../lib/errors';
import { useIsNarrow } from '../lib/use-media-query';

interface FormDialogProps<T> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Sends the values; a rejection keeps the dialog open with the server's errors on the fields. */
  onSubmit: (values: T) => Promise<unknown>;
  /** Reload after a 409 CONFLICT; the dialog closes so the user sees the fresh data. */
  onConflict?: () => void;
  initialValues?: Partial<T>;
  onValuesChange?: (changed: Partial<T>, all: T, form: FormInstance<T>) => void;
  successMessage?: string;
  okText?: string;
  okDanger?: boolean;
  width?: number;
  children: ReactNode;
}

/** Validates, submits, shows success or maps the server's errors onto the form. */
function useFormSubmit<T>(
  { onSubmit, onConflict, onClose, successMessage }: FormDialogProps<T>,
  form: FormInstance<T>,
) {
  const [submitting, setSubmitting] = useState(false);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
      if (successMessage) message.success(successMessage);
      onClose();
    } catch (error) {
      handleError(error, {
        form,
        ...(onConflict
          ? {
              onConflict: () => {
                onConflict();
                onClose();
              },
            }
          : {}),
      });
    } finally {
      setSubmitting(false);
    }
  };
  return { submit, submitting };
}

/** A small form in a modal dialog (one to four fields). */
export function FormModal<T extends object>(props: FormDialogProps<T>) {
  const {
    title,
    open,
    onClose,
    initialValues,
    onValuesChange,
    okText = '保存',
    okDanger,
    width,
    children,
  } = props;
  const [form] = Form.useForm<T>();
  const { submit, submitting } = useFormSubmit(props, form);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText}
      okButtonProps={{ danger: okDanger ?? false }}
      confirmLoading={submitting}
      destroyOnHidden
      width={width}
      mask={{ closable: false }}
    >
      <Form<T>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onValuesChange={(changed: Partial<T>, all: T) => onValuesChange?.(changed, all, form)}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** A longer form in a side drawer; full width on phones. */
export function FormDrawer<T extends object>(props: FormDialogProps<T>) {
  const {
    title,
    open,
    onClose,
    initialValues,
    onValuesChange,
    okText = '保存',
    width = 560,
    children,
  } = props;
  const [form] = Form.useForm<T>();
  const { submit, submitting } = useFormSubmit(props, form);
  const isNarrow = useIsNarrow();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={isNarrow ? '100%' : width}
      destroyOnHidden
      mask={{ closable: false }}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => void submit()}>
            {okText}
          </Button>
        </Space>
      }
    >
      <Form<T>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onValuesChange={(changed: Partial<T>, all: T) => onValuesChange?.(changed, all, form)}
      >
        {children}
      </Form>
    </Drawer>
  );
}
