import { CopyOutlined, SaveOutlined } from '@ant-design/icons';
import {
  type AssessedLevel,
  assessedLevelLabels,
  assessedLevels,
  assessmentKindLabels,
  assessmentKinds,
  assessmentLimits,
  type IndicatorSystemDetail,
  type ResultMode,
  resultModeLabels,
  resultModes,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { applyFieldErrors, useErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { assessmentPaths, useIndicatorSystem, useUpdateIndicatorSystem } from './api';
import {
  DimensionList,
  Field,
  ProblemsContext,
  RatingFields,
  Section,
  StructureContext,
  TreeContext,
  VetoList,
} from './system-fields';
import {
  type DefinitionValues,
  describePath,
  dimensionSum,
  indicatorOfMethod,
  normalizeDefinition,
  problemsByPath,
  problemsOf,
  withoutPrefix,
} from './system-model';
import './editor.css';
import { CreateSystemModal } from './systems';

/** The editor of one version: the whole definition in one form, core's problems shown at their fields. */
function SystemEditor({ detail, onConflict }: { detail: IndicatorSystemDetail; onConflict: () => void }) {
  const can = useCan();
  const mayManage = can('assessment:system:manage');
  const structure = mayManage && detail.abilities.structure;
  const texts = mayManage && detail.abilities.texts;
  const [form] = Form.useForm<DefinitionValues>();
  const update = useUpdateIndicatorSystem(detail.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [copying, setCopying] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [errorPaths, setErrorPaths] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (key: string) =>
      setOpened((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  const tree = useMemo(() => ({ opened, toggle, errorPaths }), [opened, toggle, errorPaths]);
  const watched = Form.useWatch((v) => v, { form, preserve: true }) as DefinitionValues | undefined;
  const values = watched ?? detail.definition;
  const problems = useMemo(() => problemsOf(values), [values]);
  const byPath = useMemo(() => problemsByPath(problems), [problems]);
  const level: AssessedLevel = values.level ?? detail.definition.level;
  const mode: ResultMode = values.mode ?? detail.definition.mode;
  const starLevels = (values.rating?.starBands ?? [])
    .map((b) => b?.stars)
    .filter((s): s is number => typeof s === 'number');
  const sum = dimensionSum(values);

  const save = async () => {
    setErrorPaths(new Set());
    try {
      await form.validateFields();
    } catch (error) {
      const fields = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      setErrorPaths(new Set(fields.map((f) => f.name.join('.'))));
      message.error('还有未填写完整的项，请按提示修改');
      return;
    }
    const all = form.getFieldsValue(true) as DefinitionValues;
    if (structure && problemsOf(all).length > 0) {
      setShowProblems(true);
      message.error(`还有 ${problemsOf(all).length} 处需要修改，见页面上方的清单`);
      return;
    }
    const definition = normalizeDefinition(all);
    try {
      await update.mutateAsync(
        structure
          ? { definition, version: detail.version }
          : { name: definition.name, description: definition.description, version: detail.version },
      );
      message.success('已保存');
    } catch (error) {
      const fields = isApiError(error) ? (error.details?.fields ?? []) : [];
      if (isApiError(error) && error.code !== 'CONFLICT' && fields.length > 0) {
        const own = withoutPrefix(fields, 'definition');
        setErrorPaths(new Set(own.map((f) => f.path)));
        applyFieldErrors(form, own);
        message.error(error.message);
      } else handleError(error, { onConflict });
    }
  };

  const onValuesChange = (changed: DefinitionValues) => {
    // A method switched: the indicator takes that method's fields, keeping its id, title and guidance.
    changed.dimensions?.forEach((d, i) => {
      d?.indicators?.forEach((ind, j) => {
        if (!ind?.method) return;
        const path = ['dimensions', i, 'indicators', j] as ['dimensions', number, 'indicators', number];
        const before = form.getFieldValue(path) as {
          id: string;
          title: string;
          guidance: string | null;
          max?: number;
        };
        form.setFieldValue(
          path,
          indicatorOfMethod(
            ind.method,
            { id: before.id, title: before.title, guidance: before.guidance ?? null },
            level,
            typeof before.max === 'number' ? before.max : 5,
          ),
        );
      });
    });
  };

  return (
    <StructureContext.Provider value={structure}>
      <TreeContext.Provider value={tree}>
        <ProblemsContext.Provider value={structure ? byPath : new Map()}>
          <Form<DefinitionValues>
            form={form}
            // Its own id prefix: the 复制为新版本 dialog has fields of the same names (年度, 名称).
            name="system"
            layout="vertical"
            initialValues={detail.definition}
            disabled={!structure}
            onValuesChange={onValuesChange}
            scrollToFirstError
          >
            <Flex vertical gap={16}>
              {detail.inUse ? (
                <Alert
                  type="info"
                  showIcon
                  title="该版本已用于考核，指标、分值和评定规则已锁定（只能修改名称和说明）。需要调整的，请复制为新版本后修改。"
                />
              ) : null}
              {structure && problems.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title={`还有 ${problems.length} 处需要修改才能保存`}
                  description={
                    showProblems || problems.length <= 5 ? (
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {problems.map((p) => (
                          <li key={`${p.path}:${p.message}`}>
                            {describePath(values, p.path)}：{p.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => setShowProblems(true)}
                      >
                        展开清单
                      </Button>
                    )
                  }
                />
              ) : null}
              <Section title="基本信息">
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Field
                      at="name"
                      name="name"
                      label="名称"
                      rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
                    >
                      <Input maxLength={assessmentLimits.systemName.max} showCount disabled={!texts} />
                    </Field>
                  </Col>
                  <Col xs={12} md={4}>
                    <Field
                      at="year"
                      name="year"
                      label="年度"
                      rules={[{ required: true, message: '请填写年度' }]}
                    >
                      <InputNumber
                        min={assessmentLimits.year.min}
                        max={assessmentLimits.year.max}
                        precision={0}
                        style={{ width: '100%' }}
                      />
                    </Field>
                  </Col>
                  <Col xs={12} md={8}>
                    <Field at="kind" name="kind" label="考核类型">
                      <Select
                        options={assessmentKinds.map((k) => ({ value: k, label: assessmentKindLabels[k] }))}
                      />
                    </Field>
                  </Col>
                  <Col xs={12} md={6}>
                    <Field at="level" name="level" label="考核对象">
                      <Select
                        options={assessedLevels.map((l) => ({ value: l, label: assessedLevelLabels[l] }))}
                      />
                    </Field>
                  </Col>
                  <Col xs={12} md={6}>
                    <Field at="mode" name="mode" label="结果形式">
                      <Radio.Group
                        options={resultModes.map((m) => ({ value: m, label: resultModeLabels[m] }))}
                      />
                    </Field>
                  </Col>
                  <Col xs={8} md={4}>
                    <Field
                      at="maxScore"
                      name="maxScore"
                      label="满分"
                      rules={[{ required: true, message: '请填写满分' }]}
                      extra={
                        mode === 'score' ? (
                          <span>
                            一级指标合计 {sum}
                            {structure && values.maxScore !== sum ? (
                              <Button
                                type="link"
                                size="small"
                                onClick={() => form.setFieldValue('maxScore', sum)}
                              >
                                取合计
                              </Button>
                            ) : null}
                          </span>
                        ) : (
                          '达标验收为 0'
                        )
                      }
                    >
                      <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                    </Field>
                  </Col>
                  {mode === 'score' ? (
                    <>
                      <Col xs={8} md={4}>
                        <Field at="bonusCap" name="bonusCap" label="加分总上限">
                          <InputNumber min={0} max={1000} placeholder="不限" style={{ width: '100%' }} />
                        </Field>
                      </Col>
                      <Col xs={8} md={4}>
                        <Field at="deductionCap" name="deductionCap" label="扣分总上限">
                          <InputNumber min={0} max={1000} placeholder="不限" style={{ width: '100%' }} />
                        </Field>
                      </Col>
                    </>
                  ) : (
                    <Col xs={12} md={6}>
                      <Field
                        at="minPassedPercent"
                        name="minPassedPercent"
                        label="达标比例"
                        extra="必达项全部达标，且达标的指标不少于该比例"
                      >
                        <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
                      </Field>
                    </Col>
                  )}
                  <Col xs={24}>
                    <Field at="description" name="description" label="说明">
                      <Input.TextArea
                        rows={2}
                        maxLength={assessmentLimits.description.max}
                        showCount
                        disabled={!texts}
                      />
                    </Field>
                  </Col>
                </Row>
              </Section>
              <Section title="指标">
                <Typography.Paragraph type="secondary">
                  {mode === 'score'
                    ? '计分指标（按记录自动计算、评审评分）的满分之和为所属一级指标的满分；加分、扣分项在一级指标内计，受本项、一级指标和总上限限制。'
                    : '每项判定达标或不达标：选了数据指标的由平台按达标线判定，未选的由评审判定；必达项须全部达标。'}
                  按记录自动计算的指标只从平台已有记录取数，不以照片、上传材料或登录次数评分。
                </Typography.Paragraph>
                <DimensionList level={level} mode={mode} />
              </Section>
              <Section title="一票否决">
                <VetoList level={level} mode={mode} starLevels={starLevels} />
              </Section>
              <Section title="评定规则">
                <RatingFields mode={mode} starLevels={starLevels} />
              </Section>
              {texts ? (
                <Flex gap={8} wrap className="dj-sticky-actions">
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={update.isPending}
                    onClick={() => void save()}
                    disabled={false}
                  >
                    保存
                  </Button>
                  {mayManage ? (
                    <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} disabled={false}>
                      复制为新版本
                    </Button>
                  ) : null}
                  <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                    最后修改 {formatDateTime(detail.updatedAt)}
                  </Typography.Text>
                </Flex>
              ) : null}
            </Flex>
          </Form>
          {copying ? <CreateSystemModal open onClose={() => setCopying(false)} copyOf={detail} /> : null}
        </ProblemsContext.Provider>
      </TreeContext.Provider>
    </StructureContext.Provider>
  );
}

/** /assessments/systems/:id: one version in the editor, or read-only once a round uses it. */
export function IndicatorSystemPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useIndicatorSystem(valid ? id : null);
  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result
        status="404"
        title="指标体系不存在"
        extra={<Link to={assessmentPaths.systems}>返回指标体系</Link>}
      />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  if (!d) return <Skeleton active />;
  return (
    <PageContainer
      title={
        <>
          {d.name} {d.inUse ? <Tag color="blue">已锁定</Tag> : null}
        </>
      }
      breadcrumb={[
        { title: '考核评价', to: assessmentPaths.rounds },
        { title: '指标体系', to: assessmentPaths.systems },
        { title: `${d.year}年` },
      ]}
    >
      <SystemEditor key={`${d.id}:${d.version}`} detail={d} onConflict={() => void query.refetch()} />
    </PageContainer>
  );
}
