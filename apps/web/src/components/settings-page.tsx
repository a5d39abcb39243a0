import type { PermissionCode } from '@dangjian/core';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { App, Form, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useCan } from '../lib/access';
import { applyFieldErrors, useErrorHandler } from '../lib/errors';
import { PageContainer } from './page-container';
import { QueryError } from './query-error';
import { type SettingField, SettingsForm } from './settings-form';

interface SettingsPageProps<T extends Record<string, number | boolean>> {
  pageTitle: string;
  formTitle: string;
  /** The shared schema: also checks cross-field rules before anything is sent. */
  schema: z.ZodType<T>;
  query: UseQueryResult<T>;
  save: UseMutationResult<T, unknown, T>;
  fields: SettingField[];
  editPermission: PermissionCode;
  note: ReactNode;
  savedMessage: string;
  /** More cards below the form (the rule settings' go-live dates). */
  children?: ReactNode;
}

/** A settings document page: load, show read-only or as a bounded form, validate, save. */
export function SettingsPage<T extends Record<string, number | boolean>>(props: SettingsPageProps<T>) {
  const { query, save, schema } = props;
  const can = useCan();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();

  const submit = (values: T) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      applyFieldErrors(form, parsed.error.issues);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        form.setFieldsValue(saved as Parameters<typeof form.setFieldsValue>[0]);
        message.success(props.savedMessage);
      },
      onError: (error) => handleError(error, { form, onConflict: () => void query.refetch() }),
    });
  };

  return (
    <PageContainer title={props.pageTitle}>
      {query.isPending ? <Skeleton active /> : null}
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SettingsForm<T>
          title={props.formTitle}
          fields={props.fields}
          values={query.data}
          canEdit={can(props.editPermission)}
          saving={save.isPending}
          form={form}
          onSave={submit}
          note={props.note}
        />
      ) : null}
      {props.children}
    </PageContainer>
  );
}
