import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type AssessedLevel,
  assessmentLimits,
  type Dimension,
  type Indicator,
  methodsOfMode,
  metricCatalogue,
  metricDirectionLabels,
  metricsForLevel,
  metricUnitLabels,
  type ResultMode,
  type ScoringMethod,
  scoringMethodLabels,
  scoringMethods,
  starLabel,
  type VetoItem,
  vetoCapKindLabels,
  vetoCapKinds,
} from '@dangjian/core';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  type FormItemProps,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import {
  baseSum,
  type DefinitionValues,
  defaultMethod,
  describeBand,
  indicatorOfMethod,
  nextItemId,
} from './system-model';

/** Core's problems of the definition being edited, by field path ('dimensions.0.indicators.2.bands.1.min'). */
export const ProblemsContext = createContext<ReadonlyMap<string, string[]>>(new Map());

/** Whether the scoring rules may be changed (false once a round uses the version). */
export const StructureContext = createContext(true);

/** Which parts of the tree are open: those the user opened, and any with a problem or an error inside. */
export const TreeContext = createContext<{
  opened: ReadonlySet<string>;
  toggle: (key: string) => void;
  /** Fields the last save attempt left with an error (the form's rules, the server's messages). */
  errorPaths: ReadonlySet<string>;
}>({ opened: new Set(), toggle: () => {}, errorPaths: new Set() });

/** How many problems and errors are at or under a path ('dimensions.0'). */
function useIssuesUnder(prefix: string): number {
  const problems = useContext(ProblemsContext);
  const { errorPaths } = useContext(TreeContext);
  const under = (k: string) => k === prefix || k.startsWith(`${prefix}.`);
  let n = 0;
  for (const [k, v] of problems) if (under(k)) n += v.length;
  for (const k of errorPaths) if (under(k) && !problems.has(k)) n += 1;
  return n;
}

/** A part of the tree with a summary line that opens it; kept in the form while closed (display: none). */
function TreeNode({
  openKey,
  at,
  heading,
  summary,
  tools,
  inner = false,
  children,
}: {
  openKey: string;
  at: string;
  heading: ReactNode;
  summary: ReactNode;
  tools: ReactNode;
  inner?: boolean;
  children: ReactNode;
}) {
  const { opened, toggle } = useContext(TreeContext);
  const structure = useContext(StructureContext);
  const issues = useIssuesUnder(at);
  const open = opened.has(openKey) || issues > 0;
  return (
    <Card
      size="small"
      type={inner ? 'inner' : undefined}
      styles={{ body: open ? undefined : { display: 'none' } }}
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <span>{heading}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {summary}
          </Typography.Text>
          {issues > 0 ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {issues} 处需修改
            </Tag>
          ) : null}
        </Flex>
      }
      extra={
        <Flex gap={4} align="center">
          <Button
            size="small"
            type="link"
            aria-expanded={open}
            disabled={issues > 0}
            onClick={() => toggle(openKey)}
          >
            {open ? '收起' : structure ? '编辑' : '查看'}
          </Button>
          {tools}
        </Flex>
      }
    >
      {children}
    </Card>
  );
}

/** Opens an entry the user adds to a list (a key not there at the previous render). */
function OpenAdded({ keys, prefix }: { keys: readonly number[]; prefix: string }) {
  const { toggle, opened } = useContext(TreeContext);
  const seen = useRef<ReadonlySet<number> | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = new Set(keys);
    if (before === null) return;
    for (const k of keys) if (!before.has(k) && !opened.has(`${prefix}${k}`)) toggle(`${prefix}${k}`);
  }, [keys, prefix, toggle, opened]);
  return null;
}

/** One line of what an indicator is, for its closed summary. */
function indicatorSummary(ind: Partial<Indicator> | undefined): string {
  if (!ind?.method) return '';
  const label = scoringMethodLabels[ind.method];
  switch (ind.method) {
    case 'computed': {
      const m =
        ind.metric && ind.metric in metricCatalogue ? metricCatalogue[ind.metric].label : '未选数据指标';
      return `${label} · ${m} · 满分 ${ind.max ?? '—'}`;
    }
    case 'judgement':
      return `${label} · 满分 ${ind.max ?? '—'}`;
    case 'bonus':
      return `${label} · 每项 +${ind.pointsPerItem ?? '—'}，上限 ${ind.cap ?? '—'}${ind.metric ? ' · 平台计次' : ''}`;
    case 'deduction':
      return `${label} · 每项 −${ind.pointsPerItem ?? '—'}，上限 ${ind.cap ?? '—'}${ind.metric ? ' · 平台计次' : ''}`;
    case 'pass_fail':
      return `${label}${ind.required ? ' · 必达' : ''}${ind.metric ? ' · 平台判定' : ' · 评审判定'}`;
  }
}

/** A form field that shows core's problem at its path (`at`) in place of its own help. */
export function Field({ at, ...props }: FormItemProps & { at: string }) {
  const problems = useContext(ProblemsContext).get(at);
  return (
    <Form.Item
      {...props}
      {...(problems ? { validateStatus: 'error' as const, help: problems.join('；') } : {})}
    />
  );
}

/** Core's problems of a part that is not one field (a list, a row), shown where that part is. */
export function Problems({ at }: { at: string }) {
  const problems = useContext(ProblemsContext).get(at);
  if (!problems) return null;
  return <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 8 }} />;
}

const pointsInput = (props: { min?: number; step?: number; placeholder?: string } = {}) => (
  <InputNumber
    min={props.min ?? 0}
    max={1000}
    step={props.step ?? 1}
    style={{ width: '100%' }}
    placeholder={props.placeholder}
  />
);

function metricOptions(level: AssessedLevel, countOnly = false) {
  return metricsForLevel(level)
    .filter((m) => !countOnly || m.unit === 'count')
    .map((m) => ({
      value: m.key,
      label: `${m.label}（${metricUnitLabels[m.unit]}，${metricDirectionLabels[m.direction]}）`,
      title: m.reads,
    }));
}

/** What a metric reads, under its picker. */
function MetricReads({ metric }: { metric: string | null | undefined }) {
  if (!metric || !(metric in metricCatalogue)) return null;
  const m = metricCatalogue[metric as keyof typeof metricCatalogue];
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      取数：{m.reads}
      {m.unit === 'ratio' ? '。比例以 0–1 填写（0.95 即 95%）' : ''}
    </Typography.Text>
  );
}

/** Up, down and delete buttons of an entry of a list. */
function EntryTools({
  index,
  count,
  move,
  remove,
  what,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  what: string;
}) {
  if (!useContext(StructureContext)) return null;
  return (
    <Flex gap={4}>
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        aria-label={`上移${what}`}
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        aria-label={`下移${what}`}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
      />
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={`删除${what}`}
        onClick={() => remove(index)}
      />
    </Flex>
  );
}

/** The bands of a computed indicator: min ≤ value < max gives points; the last band has no upper end. */
function BandList({
  at,
  name,
  metric,
}: {
  at: string;
  name: (string | number)[];
  metric: string | null | undefined;
}) {
  const structure = useContext(StructureContext);
  const form = Form.useFormInstance();
  const bands = (Form.useWatch(
    [...at.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), 'bands'],
    form,
  ) ?? []) as { min?: number; max?: number | null; points?: number }[];
  const step =
    metric &&
    metric in metricCatalogue &&
    metricCatalogue[metric as keyof typeof metricCatalogue].unit === 'ratio'
      ? 0.05
      : 1;
  return (
    <div>
      <Typography.Text strong>分档</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        取值在“下限 ≤ 值 &lt; 上限”的档得相应分值，最后一档上限留空
      </Typography.Text>
      <Problems at={`${at}.bands`} />
      <Form.List name={[...name, 'bands']}>
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={4} style={{ marginTop: 4 }}>
            {fields.map((f, j) => (
              <Flex key={f.key} gap={8} align="start" wrap>
                <Field
                  at={`${at}.bands.${j}.min`}
                  name={[f.name, 'min']}
                  label={j === 0 ? '下限' : undefined}
                  rules={[{ required: true, message: '请填写下限' }]}
                  style={{ width: 110, marginBottom: 4 }}
                >
                  <InputNumber
                    min={0}
                    step={step}
                    aria-label={`第 ${j + 1} 档下限`}
                    style={{ width: '100%' }}
                  />
                </Field>
                <Field
                  at={`${at}.bands.${j}.max`}
                  name={[f.name, 'max']}
                  label={j === 0 ? '上限' : undefined}
                  style={{ width: 110, marginBottom: 4 }}
                >
                  <InputNumber
                    min={0}
                    step={step}
                    aria-label={`第 ${j + 1} 档上限`}
                    placeholder="无上限"
                    style={{ width: '100%' }}
                  />
                </Field>
                <Field
                  at={`${at}.bands.${j}.points`}
                  name={[f.name, 'points']}
                  label={j === 0 ? '分值' : undefined}
                  rules={[{ required: true, message: '请填写分值' }]}
                  style={{ width: 100, marginBottom: 4 }}
                >
                  <InputNumber
                    min={0}
                    max={1000}
                    aria-label={`第 ${j + 1} 档分值`}
                    style={{ width: '100%' }}
                  />
                </Field>
                <Typography.Text type="secondary" style={{ paddingTop: j === 0 ? 34 : 5, minWidth: 120 }}>
                  {describeBand(metric, bands[j] ?? {})}
                </Typography.Text>
                <Problems at={`${at}.bands.${j}`} />
                <div style={{ paddingTop: j === 0 ? 30 : 0 }}>
                  <EntryTools
                    index={j}
                    count={fields.length}
                    move={move}
                    remove={remove}
                    what={`第 ${j + 1} 档`}
                  />
                </div>
              </Flex>
            ))}
            {structure && fields.length < assessmentLimits.bands.max ? (
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                style={{ alignSelf: 'start' }}
                onClick={() => {
                  const last = bands[bands.length - 1];
                  add({ min: last?.max ?? 0, max: null, points: 0 });
                }}
              >
                添加一档
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </div>
  );
}

/** The fields of one indicator: what all methods share, then its method's. */
function IndicatorFields({
  d,
  i,
  name,
  openKey,
  count,
  move,
  remove,
  level,
  mode,
}: {
  d: number;
  i: number;
  name: number;
  openKey: string;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  level: AssessedLevel;
  mode: ResultMode;
}) {
  const at = `dimensions.${d}.indicators.${i}`;
  const form = Form.useFormInstance();
  const ind = Form.useWatch(['dimensions', d, 'indicators', i], form) as Partial<Indicator> | undefined;
  const method = ind?.method;
  const metric = ind && 'metric' in ind ? ind.metric : null;
  const id = ind?.id ? ` ${ind.id}` : '';
  return (
    <TreeNode
      inner
      openKey={openKey}
      at={at}
      heading={`二级指标${id}${ind?.title ? ` ${ind.title}` : ''}`}
      summary={indicatorSummary(ind)}
      tools={<EntryTools index={i} count={count} move={move} remove={remove} what={`二级指标${id}`} />}
    >
      <Row gutter={12}>
        <Col xs={24} sm={6} md={4}>
          <Field
            at={`${at}.id`}
            name={[name, 'id']}
            label="编号"
            rules={[{ required: true, message: '请填写编号' }]}
          >
            <Input maxLength={32} />
          </Field>
        </Col>
        <Col xs={24} sm={18} md={12}>
          <Field
            at={`${at}.title`}
            name={[name, 'title']}
            label="指标"
            rules={[{ required: true, whitespace: true, message: '请填写指标' }]}
          >
            <Input maxLength={assessmentLimits.title.max} />
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field at={`${at}.method`} name={[name, 'method']} label="评分方式">
            <Select<ScoringMethod>
              options={scoringMethods.map((m) => ({
                value: m,
                label: scoringMethodLabels[m],
                disabled: !methodsOfMode(mode).includes(m),
              }))}
            />
          </Field>
        </Col>
      </Row>
      {method === 'computed' ? (
        <>
          <Row gutter={12}>
            <Col xs={24} md={16}>
              <Field
                at={`${at}.metric`}
                name={[name, 'metric']}
                label="数据指标"
                rules={[{ required: true, message: '请选择数据指标' }]}
                extra={<MetricReads metric={metric} />}
              >
                <Select showSearch optionFilterProp="label" options={metricOptions(level)} />
              </Field>
            </Col>
            <Col xs={12} md={4}>
              <Field
                at={`${at}.max`}
                name={[name, 'max']}
                label="满分"
                rules={[{ required: true, message: '请填写满分' }]}
              >
                {pointsInput()}
              </Field>
            </Col>
            <Col xs={12} md={4}>
              <Field at={`${at}.notApplicable`} name={[name, 'notApplicable']} label="不适用时">
                <Select
                  options={[
                    { value: 'full', label: '按满分' },
                    { value: 'zero', label: '按0分' },
                  ]}
                />
              </Field>
            </Col>
          </Row>
          <BandList at={at} name={[name]} metric={metric} />
        </>
      ) : null}
      {method === 'judgement' ? (
        <Field
          at={`${at}.max`}
          name={[name, 'max']}
          label="满分"
          rules={[{ required: true, message: '请填写满分' }]}
          style={{ maxWidth: 160 }}
        >
          {pointsInput()}
        </Field>
      ) : null}
      {method === 'bonus' || method === 'deduction' ? (
        <Row gutter={12}>
          <Col xs={12} md={4}>
            <Field
              at={`${at}.pointsPerItem`}
              name={[name, 'pointsPerItem']}
              label={method === 'bonus' ? '每项加分' : '每项扣分'}
              rules={[{ required: true, message: '请填写每项分值' }]}
            >
              {pointsInput({ step: 0.5 })}
            </Field>
          </Col>
          <Col xs={12} md={4}>
            <Field
              at={`${at}.cap`}
              name={[name, 'cap']}
              label="本项上限"
              rules={[{ required: true, message: '请填写上限' }]}
            >
              {pointsInput()}
            </Field>
          </Col>
          <Col xs={24} md={16}>
            <Field
              at={`${at}.metric`}
              name={[name, 'metric']}
              label="次数来源"
              extra={metric ? <MetricReads metric={metric} /> : '不选则由评审填写次数，并写明依据'}
            >
              <Select
                allowClear
                placeholder="评审填写"
                showSearch
                optionFilterProp="label"
                options={metricOptions(level, true)}
              />
            </Field>
          </Col>
        </Row>
      ) : null}
      {method === 'pass_fail' ? (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Field
              at={`${at}.metric`}
              name={[name, 'metric']}
              label="判定依据"
              extra={metric ? <MetricReads metric={metric} /> : '不选则由评审判定达标与否'}
            >
              <Select
                allowClear
                placeholder="评审判定"
                showSearch
                optionFilterProp="label"
                options={metricOptions(level)}
              />
            </Field>
          </Col>
          {metric ? (
            <>
              <Col xs={12} md={4}>
                <Field
                  at={`${at}.threshold`}
                  name={[name, 'threshold']}
                  label="达标线"
                  rules={[{ required: true, message: '请填写达标线' }]}
                >
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Field>
              </Col>
              <Col xs={12} md={4}>
                <Field at={`${at}.notApplicable`} name={[name, 'notApplicable']} label="不适用时">
                  <Select
                    options={[
                      { value: 'full', label: '按达标' },
                      { value: 'zero', label: '按不达标' },
                    ]}
                  />
                </Field>
              </Col>
            </>
          ) : null}
          <Col xs={12} md={4}>
            <Field at={`${at}.required`} name={[name, 'required']} label="必达项" valuePropName="checked">
              <Switch />
            </Field>
          </Col>
        </Row>
      ) : null}
      <Field at={`${at}.guidance`} name={[name, 'guidance']} label="评分标准" style={{ marginBottom: 0 }}>
        <Input.TextArea
          rows={2}
          maxLength={assessmentLimits.guidance.max}
          showCount
          placeholder="观测点、评分细则；不以照片、材料份数评分"
        />
      </Field>
    </TreeNode>
  );
}

/** One dimension: its id, title, maximum (with its indicators' sum), caps, and its indicators. */
function DimensionCard({
  index,
  name,
  openKey,
  count,
  move,
  remove,
  level,
  mode,
}: {
  index: number;
  name: number;
  openKey: string;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  level: AssessedLevel;
  mode: ResultMode;
}) {
  const structure = useContext(StructureContext);
  const form = Form.useFormInstance();
  const at = `dimensions.${index}`;
  const dim = Form.useWatch(['dimensions', index], form) as Partial<Dimension> | undefined;
  const sum = baseSum({ indicators: dim?.indicators ?? [] });
  const title = `一级指标${dim?.id ? ` ${dim.id}` : ''}${dim?.title ? ` ${dim.title}` : ''}`;
  return (
    <TreeNode
      openKey={openKey}
      at={at}
      heading={title}
      summary={`${dim?.indicators?.length ?? 0} 项${mode === 'score' ? ` · 满分 ${dim?.max ?? '—'}` : ''}`}
      tools={<EntryTools index={index} count={count} move={move} remove={remove} what={title} />}
    >
      <Row gutter={12}>
        <Col xs={24} sm={6} md={3}>
          <Field
            at={`${at}.id`}
            name={[name, 'id']}
            label="编号"
            rules={[{ required: true, message: '请填写编号' }]}
          >
            <Input maxLength={32} />
          </Field>
        </Col>
        <Col xs={24} sm={18} md={9}>
          <Field
            at={`${at}.title`}
            name={[name, 'title']}
            label="一级指标"
            rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
          >
            <Input maxLength={assessmentLimits.title.max} />
          </Field>
        </Col>
        <Col xs={8} md={4}>
          <Field
            at={`${at}.max`}
            name={[name, 'max']}
            label="满分"
            rules={[{ required: true, message: '请填写满分' }]}
            extra={
              mode === 'score' ? (
                <span>
                  计分指标合计 {sum}
                  {structure && dim?.max !== sum ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => form.setFieldValue(['dimensions', index, 'max'], sum)}
                    >
                      取合计
                    </Button>
                  ) : null}
                </span>
              ) : (
                '达标验收不计分，为 0'
              )
            }
          >
            {pointsInput()}
          </Field>
        </Col>
        {mode === 'score' ? (
          <>
            <Col xs={8} md={4}>
              <Field at={`${at}.bonusCap`} name={[name, 'bonusCap']} label="本项加分上限">
                {pointsInput({ placeholder: '不限' })}
              </Field>
            </Col>
            <Col xs={8} md={4}>
              <Field at={`${at}.deductionCap`} name={[name, 'deductionCap']} label="本项扣分上限">
                {pointsInput({ placeholder: '不限' })}
              </Field>
            </Col>
          </>
        ) : null}
      </Row>
      <Problems at={`${at}.indicators`} />
      <Form.List name={[name, 'indicators']}>
        {(fields, { add, remove: removeIndicator, move: moveIndicator }) => (
          <Flex vertical gap={8}>
            <OpenAdded keys={fields.map((f) => f.key)} prefix={`${openKey}.`} />
            {fields.map((f, i) => (
              <IndicatorFields
                key={f.key}
                d={index}
                i={i}
                name={f.name}
                openKey={`${openKey}.${f.key}`}
                count={fields.length}
                move={moveIndicator}
                remove={removeIndicator}
                level={level}
                mode={mode}
              />
            ))}
            {structure && fields.length < assessmentLimits.indicators.max ? (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const all = form.getFieldsValue(true) as DefinitionValues;
                  const id = nextItemId(all, dim?.id ?? 'X');
                  add(indicatorOfMethod(defaultMethod(mode), { id, title: '', guidance: null }, level));
                }}
              >
                添加二级指标
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </TreeNode>
  );
}

/** The tree: dimensions with their indicators. */
export function DimensionList({ level, mode }: { level: AssessedLevel; mode: ResultMode }) {
  const structure = useContext(StructureContext);
  const form = Form.useFormInstance();
  return (
    <>
      <Problems at="dimensions" />
      <Form.List name="dimensions">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            <OpenAdded keys={fields.map((f) => f.key)} prefix="d" />
            {fields.map((f, i) => (
              <DimensionCard
                key={f.key}
                index={i}
                name={f.name}
                openKey={`d${f.key}`}
                count={fields.length}
                move={move}
                remove={remove}
                level={level}
                mode={mode}
              />
            ))}
            {structure && fields.length < assessmentLimits.dimensions.max ? (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const all = form.getFieldsValue(true) as DefinitionValues;
                  const dimId = nextItemId(all, 'D');
                  add({
                    id: dimId,
                    title: '',
                    max: 0,
                    bonusCap: null,
                    deductionCap: null,
                    indicators: [
                      indicatorOfMethod(
                        defaultMethod(mode),
                        { id: `${dimId}.1`, title: '', guidance: null },
                        level,
                      ),
                    ],
                  });
                }}
              >
                添加一级指标
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </>
  );
}

/** 一票否决: each found by a metric failing its line, or by a reviewer; what it caps. */
export function VetoList({
  level,
  mode,
  starLevels,
}: {
  level: AssessedLevel;
  mode: ResultMode;
  starLevels: number[];
}) {
  const structure = useContext(StructureContext);
  const form = Form.useFormInstance();
  return (
    <Form.List name="vetoes">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={8}>
          <OpenAdded keys={fields.map((f) => f.key)} prefix="v" />
          {fields.length === 0 ? <Typography.Text type="secondary">未设一票否决项</Typography.Text> : null}
          {fields.map((f, i) => (
            <VetoFields
              key={f.key}
              openKey={`v${f.key}`}
              index={i}
              name={f.name}
              count={fields.length}
              move={move}
              remove={remove}
              level={level}
              mode={mode}
              starLevels={starLevels}
            />
          ))}
          {structure && fields.length < assessmentLimits.vetoes.max ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                const all = form.getFieldsValue(true) as DefinitionValues;
                add({
                  id: nextItemId(all, 'V'),
                  title: '',
                  guidance: null,
                  metric: null,
                  threshold: null,
                  cap:
                    mode === 'score'
                      ? starLevels.length > 0
                        ? { kind: 'max_stars', stars: 2 }
                        : { kind: 'max_score', score: 59 }
                      : { kind: 'fail' },
                });
              }}
            >
              添加一票否决项
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

function VetoFields({
  index,
  name,
  openKey,
  count,
  move,
  remove,
  level,
  mode,
  starLevels,
}: {
  index: number;
  name: number;
  openKey: string;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  level: AssessedLevel;
  mode: ResultMode;
  starLevels: number[];
}) {
  const at = `vetoes.${index}`;
  const form = Form.useFormInstance();
  const metric = Form.useWatch(['vetoes', index, 'metric'], form) as string | null | undefined;
  const capKind = Form.useWatch(['vetoes', index, 'cap', 'kind'], form) as string | undefined;
  const veto = Form.useWatch(['vetoes', index], form) as Partial<VetoItem> | undefined;
  const id = veto?.id ?? '';
  const cap = veto?.cap;
  const capSummary =
    cap?.kind === 'max_stars'
      ? `最高${starLabel(cap.stars ?? 0)}`
      : cap?.kind === 'max_score'
        ? `总分封顶 ${cap.score ?? '—'}`
        : cap?.kind === 'fail'
          ? vetoCapKindLabels.fail
          : '';
  return (
    <TreeNode
      inner
      openKey={openKey}
      at={at}
      heading={`一票否决项 ${id}${veto?.title ? ` ${veto.title}` : ''}`}
      summary={`${metric ? '平台判定' : '评审认定'} · ${capSummary}`}
      tools={<EntryTools index={index} count={count} move={move} remove={remove} what={`一票否决项 ${id}`} />}
    >
      <Row gutter={12}>
        <Col xs={24} sm={6} md={3}>
          <Field
            at={`${at}.id`}
            name={[name, 'id']}
            label="编号"
            rules={[{ required: true, message: '请填写编号' }]}
          >
            <Input maxLength={32} />
          </Field>
        </Col>
        <Col xs={24} sm={18} md={21}>
          <Field
            at={`${at}.title`}
            name={[name, 'title']}
            label="否决情形"
            rules={[{ required: true, whitespace: true, message: '请填写否决情形' }]}
          >
            <Input maxLength={assessmentLimits.title.max} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field
            at={`${at}.metric`}
            name={[name, 'metric']}
            label="判定依据"
            extra={metric ? <MetricReads metric={metric} /> : '不选则由总支、组织部审核时认定并写明事实'}
          >
            <Select
              allowClear
              placeholder="评审认定"
              showSearch
              optionFilterProp="label"
              options={metricOptions(level)}
            />
          </Field>
        </Col>
        {metric ? (
          <Col xs={12} md={4}>
            <Field
              at={`${at}.threshold`}
              name={[name, 'threshold']}
              label="触发线"
              rules={[{ required: true, message: '请填写触发线' }]}
              extra={
                metric in metricCatalogue &&
                metricCatalogue[metric as keyof typeof metricCatalogue].direction === 'lower_better'
                  ? '超过即触发'
                  : '低于即触发'
              }
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Field>
          </Col>
        ) : null}
        <Col xs={12} md={4}>
          <Field at={`${at}.cap.kind`} name={[name, 'cap', 'kind']} label="否决后果">
            <Select
              options={vetoCapKinds.map((k) => ({
                value: k,
                label: vetoCapKindLabels[k],
                disabled: mode === 'score' ? k === 'fail' : k !== 'fail',
              }))}
            />
          </Field>
        </Col>
        {capKind === 'max_stars' ? (
          <Col xs={12} md={4}>
            <Field
              at={`${at}.cap.stars`}
              name={[name, 'cap', 'stars']}
              label="最高星级"
              rules={[{ required: true, message: '请选择星级' }]}
            >
              <Select options={starLevels.map((s) => ({ value: s, label: starLabel(s) }))} />
            </Field>
          </Col>
        ) : null}
        {capKind === 'max_score' ? (
          <Col xs={12} md={4}>
            <Field
              at={`${at}.cap.score`}
              name={[name, 'cap', 'score']}
              label="封顶分数"
              rules={[{ required: true, message: '请填写封顶分数' }]}
            >
              {pointsInput()}
            </Field>
          </Col>
        ) : null}
      </Row>
      <Field at={`${at}.guidance`} name={[name, 'guidance']} label="认定标准" style={{ marginBottom: 0 }}>
        <Input.TextArea rows={2} maxLength={assessmentLimits.guidance.max} showCount />
      </Field>
    </TreeNode>
  );
}

/** Star bands, quotas, eligibility and the follow-up bands. */
export function RatingFields({ mode, starLevels }: { mode: ResultMode; starLevels: number[] }) {
  const structure = useContext(StructureContext);
  const form = Form.useFormInstance();
  const basis = Form.useWatch(['rating', 'followUp', 'basis'], form) as 'stars' | 'score' | undefined;
  return (
    <Flex vertical gap={12}>
      {mode === 'score' ? (
        <div>
          <Typography.Text strong>星级分档</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            总分达到最低分即评为该星级，从低到高排列；不设则不评星级
          </Typography.Text>
          <Problems at="rating.starBands" />
          <Form.List name={['rating', 'starBands']}>
            {(fields, { add, remove, move }) => (
              <Flex vertical gap={4} style={{ marginTop: 4 }}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start" wrap>
                    <Field
                      at={`rating.starBands.${i}.stars`}
                      name={[f.name, 'stars']}
                      rules={[{ required: true, message: '请填写星级' }]}
                      style={{ width: 120, marginBottom: 4 }}
                    >
                      <InputNumber
                        min={1}
                        max={10}
                        precision={0}
                        suffix="星"
                        aria-label={`第 ${i + 1} 条星级`}
                        style={{ width: '100%' }}
                      />
                    </Field>
                    <Field
                      at={`rating.starBands.${i}.minScore`}
                      name={[f.name, 'minScore']}
                      rules={[{ required: true, message: '请填写最低分' }]}
                      style={{ width: 150, marginBottom: 4 }}
                    >
                      <InputNumber
                        min={0}
                        max={1000}
                        prefix="≥"
                        suffix="分"
                        aria-label={`第 ${i + 1} 条最低分`}
                        style={{ width: '100%' }}
                      />
                    </Field>
                    <Problems at={`rating.starBands.${i}`} />
                    <EntryTools
                      index={i}
                      count={fields.length}
                      move={move}
                      remove={remove}
                      what={`第 ${i + 1} 条星级`}
                    />
                  </Flex>
                ))}
                {structure && fields.length < assessmentLimits.starBands.max ? (
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    style={{ alignSelf: 'start' }}
                    onClick={() => add({ stars: (starLevels[starLevels.length - 1] ?? 0) + 1, minScore: 0 })}
                  >
                    添加星级
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </div>
      ) : null}
      {mode === 'score' && starLevels.length > 0 ? (
        <div>
          <Typography.Text strong>比例限制</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            该星级及以上不超过参评党组织的百分比（按整数个计，如 3 个的 30% 为 0 个）
          </Typography.Text>
          <Form.List name={['rating', 'quotas']}>
            {(fields, { add, remove, move }) => (
              <Flex vertical gap={4} style={{ marginTop: 4 }}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start" wrap>
                    <Field
                      at={`rating.quotas.${i}.minStars`}
                      name={[f.name, 'minStars']}
                      rules={[{ required: true, message: '请选择星级' }]}
                      style={{ width: 150, marginBottom: 4 }}
                    >
                      <Select
                        aria-label={`第 ${i + 1} 条比例限制的星级`}
                        options={starLevels.map((s) => ({ value: s, label: `${starLabel(s)}及以上` }))}
                      />
                    </Field>
                    <Field
                      at={`rating.quotas.${i}.maxPercent`}
                      name={[f.name, 'maxPercent']}
                      rules={[{ required: true, message: '请填写比例' }]}
                      style={{ width: 150, marginBottom: 4 }}
                    >
                      <InputNumber
                        min={0}
                        max={100}
                        precision={0}
                        prefix="≤"
                        suffix="%"
                        aria-label={`第 ${i + 1} 条最高比例`}
                        style={{ width: '100%' }}
                      />
                    </Field>
                    <EntryTools
                      index={i}
                      count={fields.length}
                      move={move}
                      remove={remove}
                      what={`第 ${i + 1} 条比例限制`}
                    />
                  </Flex>
                ))}
                {structure && fields.length < assessmentLimits.quotas.max ? (
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    style={{ alignSelf: 'start' }}
                    onClick={() => add({ minStars: starLevels[starLevels.length - 1], maxPercent: 30 })}
                  >
                    添加比例限制
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </div>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Field
            at="rating.minAgeMonths"
            name={['rating', 'minAgeMonths']}
            label="参评最短成立月数"
            extra="成立不满该月数（至考核参照日）的党组织不参评；不填则都参评"
          >
            <InputNumber
              min={0}
              max={120}
              precision={0}
              suffix="个月"
              style={{ width: '100%' }}
              placeholder="不限"
            />
          </Field>
        </Col>
      </Row>
      {mode === 'score' ? (
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Field at="rating.followUp.basis" name={['rating', 'followUp', 'basis']} label="示范 / 整改依据">
              <Radio.Group
                options={[
                  { value: 'stars', label: '按星级', disabled: starLevels.length === 0 },
                  { value: 'score', label: '按得分' },
                ]}
              />
            </Field>
          </Col>
          <Col xs={12} md={6}>
            <Field
              at="rating.followUp.exemplaryFrom"
              name={['rating', 'followUp', 'exemplaryFrom']}
              label="示范线"
              rules={[{ required: true, message: '请填写示范线' }]}
              extra={basis === 'stars' ? '达到该星级为示范' : '达到该分数为示范'}
            >
              {pointsInput()}
            </Field>
          </Col>
          <Col xs={12} md={6}>
            <Field
              at="rating.followUp.rectifyBelow"
              name={['rating', 'followUp', 'rectifyBelow']}
              label="整改线"
              rules={[{ required: true, message: '请填写整改线' }]}
              extra="低于此线为整改，列入整改事项"
            >
              {pointsInput()}
            </Field>
          </Col>
          <Col xs={12} md={6}>
            <Field
              at="rating.followUp.shortfallPercent"
              name={['rating', 'followUp', 'shortfallPercent']}
              label="整改得分率"
              extra="整改结果中得分低于满分该比例的指标列为整改事项"
            >
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
            </Field>
          </Col>
        </Row>
      ) : null}
    </Flex>
  );
}

/** A labelled block of the editor. */
export function Section({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card title={title} extra={extra}>
      {children}
    </Card>
  );
}
