import { PlusOutlined } from '@ant-design/icons';
import type { Major, Unit } from '@dangjian/core';
import { Button, Card, Col, Row, Table } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCreateMajor, useCreateUnit, useMajors, useUnits, useUpdateUnit } from './api';
import { majorColumns, unitColumns } from './columns';
import { MajorFormFields, type MajorFormValues, UnitFormFields, type UnitFormValues } from './form';

type Dialog = { kind: 'newUnit' } | { kind: 'editUnit'; unit: Unit } | { kind: 'newMajor' } | null;

/** 单位与专业: the administrative units and majors that orgs are attached to and built on. */
export function UnitsPage() {
  const units = useUnits();
  const majors = useMajors();
  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const createMajor = useCreateMajor();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <PageContainer title="单位与专业">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title="二级学院 / 部门"
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'newUnit' })}>
                新增单位
              </Button>
            }
          >
            {units.isError ? <QueryError error={units.error} onRetry={() => void units.refetch()} /> : null}
            <Table<Unit>
              rowKey="id"
              size="small"
              loading={units.isPending}
              dataSource={units.data ?? []}
              columns={unitColumns((unit) => (
                <Button size="small" type="link" onClick={() => setDialog({ kind: 'editUnit', unit })}>
                  编辑
                </Button>
              ))}
              scroll={{ x: 'max-content' }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title="专业 / 专业群"
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'newMajor' })}>
                新增专业
              </Button>
            }
          >
            {majors.isError ? (
              <QueryError error={majors.error} onRetry={() => void majors.refetch()} />
            ) : null}
            <Table<Major>
              rowKey="id"
              size="small"
              loading={majors.isPending}
              dataSource={majors.data ?? []}
              columns={majorColumns}
              scroll={{ x: 'max-content' }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </Col>
      </Row>

      {dialog?.kind === 'newUnit' ? (
        <FormModal<UnitFormValues>
          title="新增单位"
          open
          onClose={close}
          initialValues={{ kind: 'college' }}
          onSubmit={(v) =>
            createUnit.mutateAsync({
              name: v.name.trim(),
              kind: v.kind,
              ...(v.sortOrder == null ? {} : { sortOrder: v.sortOrder }),
              studentCount: v.studentCount ?? null,
              staffCount: v.staffCount ?? null,
            })
          }
          successMessage="已新增"
        >
          <UnitFormFields />
        </FormModal>
      ) : null}

      {dialog?.kind === 'editUnit' ? (
        <FormModal<UnitFormValues>
          title={`编辑单位：${dialog.unit.name}`}
          open
          onClose={close}
          initialValues={{
            name: dialog.unit.name,
            kind: dialog.unit.kind,
            sortOrder: dialog.unit.sortOrder,
            studentCount: dialog.unit.studentCount,
            staffCount: dialog.unit.staffCount,
          }}
          onSubmit={(v) =>
            updateUnit.mutateAsync({
              id: dialog.unit.id,
              body: {
                name: v.name.trim(),
                kind: v.kind,
                ...(v.sortOrder == null ? {} : { sortOrder: v.sortOrder }),
                studentCount: v.studentCount ?? null,
                staffCount: v.staffCount ?? null,
              },
            })
          }
          successMessage="已保存"
        >
          <UnitFormFields />
        </FormModal>
      ) : null}

      {dialog?.kind === 'newMajor' ? (
        <FormModal<MajorFormValues>
          title="新增专业 / 专业群"
          open
          onClose={close}
          initialValues={{ kind: 'major', unitId: null }}
          onSubmit={(v) =>
            createMajor.mutateAsync({ name: v.name.trim(), kind: v.kind, unitId: v.unitId ?? null })
          }
          successMessage="已新增"
        >
          <MajorFormFields />
        </FormModal>
      ) : null}
    </PageContainer>
  );
}
