/**
 * 填报: the SelfEvaluation model as a form in tabs following the report outline. Totals and execution rates
 * update as figures are typed (the model's own sum relations, src/model/totals.ts); every change is saved
 * a moment later as a new version, which the server reviews and scores again.
 */
import {
  Alert,
  Button,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getAt, type Path, pathToString, recomputeTotals } from '../../../src/model/totals.ts';
import { ApiError, api, type ScoreDoc } from '../api.ts';
import type { ReportTabProps } from './Report.tsx';

// biome-ignore lint/suspicious/noExplicitAny: the model is edited generically by path
type Model = any;

const AUTOSAVE_MS = 1200;
const FEN_PER_WAN = 1_000_000;
const FIGURES = [
  { key: 'initial', title: '年初预算（万元）' },
  { key: 'adjusted', title: '调整预算（万元）' },
  { key: 'actual', title: '全年执行数（万元）' },
] as const;

function setIn(model: Model, path: Path, value: unknown): Model {
  const copy = structuredClone(model);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return copy;
}

/** 执行率 = 全年执行数 ÷ 调整预算 (年初预算 without one), or null. */
export function executionRate(block: {
  initial: number | null;
  adjusted: number | null;
  actual: number | null;
}) {
  const planned = block.adjusted ?? block.initial;
  if (planned === null || planned === 0 || block.actual === null) return null;
  return (block.actual / planned) * 100;
}

interface BudgetRow {
  key: string;
  name: string;
  path: Path;
  depth: number;
}

function budgetRows(model: Model): BudgetRow[] {
  const gp = ['budget', 'generalPublic'];
  const rows: BudgetRow[] = [
    { key: 'total', name: '一般公共预算支出合计', path: [...gp, 'total'], depth: 0 },
    { key: 'basic', name: '基本支出', path: [...gp, 'basic', 'total'], depth: 1 },
    { key: 'personnel', name: '人员经费', path: [...gp, 'basic', 'personnel'], depth: 2 },
    { key: 'public', name: '公用经费', path: [...gp, 'basic', 'public'], depth: 2 },
    { key: 'project', name: '项目支出', path: [...gp, 'project', 'total'], depth: 1 },
  ];
  (model.budget.generalPublic.project.categories as { name: string }[]).forEach((category, i) => {
    rows.push({
      key: `category-${i}`,
      name: category.name,
      path: [...gp, 'project', 'categories', i],
      depth: 2,
    });
  });
  return rows;
}

function MoneyCell({
  model,
  computed,
  path,
  disabled,
  label,
  onChange,
}: {
  model: Model;
  computed: Set<string>;
  path: Path;
  disabled: boolean;
  label: string;
  onChange(path: Path, value: number | null): void;
}) {
  const fen = getAt(model, path) as number | null;
  if (computed.has(pathToString(path)))
    return (
      <span className="jx-computed" title="由分项自动合计" data-path={pathToString(path)}>
        {fen === null ? '—' : (fen / FEN_PER_WAN).toFixed(2)}
      </span>
    );
  const invalid = fen !== null && fen < 0;
  return (
    <div>
      <InputNumber
        className="jx-money"
        aria-label={label}
        data-path={pathToString(path)}
        value={fen === null ? null : fen / FEN_PER_WAN}
        precision={2}
        disabled={disabled}
        status={invalid ? 'error' : undefined}
        style={{ width: 150 }}
        onChange={(value) => onChange(path, value === null ? null : Math.round(Number(value) * FEN_PER_WAN))}
      />
      {invalid && <div style={{ color: '#dc2626', fontSize: 12 }}>金额不能为负数</div>}
    </div>
  );
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export default function Fill({ user, report, refresh }: ReportTabProps) {
  const [model, setModel] = useState<Model>();
  const [computed, setComputed] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<'saved' | 'dirty' | 'saving' | 'failed'>('saved');
  const [score, setScore] = useState<ScoreDoc>();
  const [preview, setPreview] = useState<string>();
  const version = useRef(report.version);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef<Model>(undefined);
  const editable =
    (report.state === 'draft' || report.state === 'returned') &&
    (user.role === 'unit_editor' || user.role === 'unit_approver' || user.role === 'admin');

  version.current = report.version;

  const loadScore = useCallback(async () => {
    const sheet = await api<{ score: ScoreDoc }>('GET', `/api/reports/${report.id}/scoresheet`);
    setScore(sheet.score);
  }, [report.id]);

  useEffect(() => {
    api<{ model: Model }>('GET', `/api/reports/${report.id}/model`)
      .then((reply) => {
        const live = recomputeTotals(reply.model);
        setModel(live.model);
        setComputed(live.computed);
      })
      .catch((e: Error) => setError(e.message));
    void loadScore().catch(() => undefined);
    return () => clearTimeout(timer.current);
  }, [report.id, loadScore]);

  const save = useCallback(async () => {
    const current = latest.current;
    if (!current) return;
    setStatus('saving');
    try {
      await api('PUT', `/api/reports/${report.id}/model`, { version: version.current, model: current });
      setError(undefined);
      await refresh();
      await loadScore();
      setStatus(latest.current === current ? 'saved' : 'dirty');
    } catch (e) {
      setStatus('failed');
      setError(e instanceof ApiError ? e.message : '保存失败，请稍后重试');
    }
  }, [report.id, refresh, loadScore]);

  const change = (next: Model) => {
    const live = recomputeTotals(next);
    setModel(live.model);
    setComputed(live.computed);
    latest.current = live.model;
    setStatus('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };
  const setPath = (path: Path, value: unknown) => change(setIn(model, path, value));

  if (error && !model) return <Alert type="error" showIcon title={error} />;
  if (!model) return <Spin description="正在加载填报内容…" style={{ display: 'block', margin: 40 }} />;

  const money = (path: Path, label: string) => (
    <MoneyCell
      model={model}
      computed={computed}
      path={path}
      disabled={!editable}
      label={label}
      onChange={setPath}
    />
  );
  const text = (path: Path, label: string) => (
    <Input
      aria-label={label}
      value={(getAt(model, path) as string | null) ?? ''}
      disabled={!editable}
      onChange={(e) => setPath(path, e.target.value === '' ? null : e.target.value)}
    />
  );
  const count = (path: Path, label: string) => (
    <InputNumber
      aria-label={label}
      min={0}
      precision={0}
      value={getAt(model, path) as number | null}
      disabled={!editable}
      onChange={(value) => setPath(path, value === null ? null : Number(value))}
    />
  );

  const statusTag = {
    saved: <Tag color="green">已保存（第 {report.currentVersion} 版）</Tag>,
    dirty: <Tag color="orange">有未保存的修改</Tag>,
    saving: <Tag color="blue">正在保存…</Tag>,
    failed: <Tag color="red">保存失败</Tag>,
  }[status];

  const indicators = model.performance.indicators as Model[];
  const tabs = [
    {
      key: 'basic',
      label: '一、基本情况',
      children: (
        <Space orientation="vertical" style={{ maxWidth: 640, width: '100%' }}>
          <div>单位名称 {text(['unit', 'name'], '单位名称')}</div>
          <div>主管部门 {text(['unit', 'parentDepartment'], '主管部门')}</div>
          <div>所在地区 {text(['unit', 'region'], '所在地区')}</div>
          <Space>
            <div>编制数 {count(['staffing', 'authorizedTotal'], '编制数')}</div>
            <div>年末实有人数 {count(['staffing', 'actualTotal'], '年末实有人数')}</div>
            <div>在职人员数 {count(['staffing', 'servingActual'], '在职人员数')}</div>
          </Space>
        </Space>
      ),
    },
    {
      key: 'budget',
      label: '二、预算执行',
      children: (
        <Table<BudgetRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={budgetRows(model)}
          columns={[
            {
              title: '项目',
              dataIndex: 'name',
              render: (name: string, row) => <span style={{ paddingLeft: row.depth * 20 }}>{name}</span>,
            },
            ...FIGURES.map((figure) => ({
              title: figure.title,
              key: figure.key,
              render: (_: unknown, row: BudgetRow) =>
                money([...row.path, figure.key], `${row.name}${figure.title}`),
            })),
            {
              title: '执行率',
              key: 'rate',
              render: (_: unknown, row: BudgetRow) => {
                const rate = executionRate(getAt(model, row.path) as Parameters<typeof executionRate>[0]);
                return (
                  <span data-testid={`rate-${row.key}`}>{rate === null ? '—' : `${rate.toFixed(2)}%`}</span>
                );
              },
            },
          ]}
        />
      ),
    },
    {
      key: 'indicators',
      label: '三、绩效指标',
      children: (
        <Space orientation="vertical" style={{ display: 'flex' }}>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={indicators}
            locale={{ emptyText: '报告中未列出绩效指标，可在此添加' }}
            columns={[
              {
                title: '一级指标',
                render: (_: unknown, __: unknown, i: number) =>
                  text(['performance', 'indicators', i, 'level1'], '一级指标'),
              },
              {
                title: '二级指标',
                render: (_: unknown, __: unknown, i: number) =>
                  text(['performance', 'indicators', i, 'level2'], '二级指标'),
              },
              {
                title: '三级指标',
                render: (_: unknown, __: unknown, i: number) =>
                  text(['performance', 'indicators', i, 'level3'], '三级指标'),
              },
              {
                title: '目标值',
                render: (_: unknown, row: Model, i: number) => (
                  <Space.Compact>
                    <Select
                      aria-label="比较方式"
                      value={row.target.comparator}
                      disabled={!editable}
                      style={{ width: 70 }}
                      options={['≥', '≤', '=', '>', '<', '~', 'qualitative'].map((c) => ({
                        value: c,
                        label: c === 'qualitative' ? '定性' : c,
                      }))}
                      onChange={(value) =>
                        setPath(['performance', 'indicators', i, 'target', 'comparator'], value)
                      }
                    />
                    <InputNumber
                      aria-label="目标值"
                      value={row.target.value}
                      disabled={!editable}
                      onChange={(value) =>
                        setPath(['performance', 'indicators', i, 'target', 'value'], value)
                      }
                    />
                  </Space.Compact>
                ),
              },
              {
                title: '实际完成值',
                render: (_: unknown, row: Model, i: number) => (
                  <InputNumber
                    aria-label="实际完成值"
                    value={row.actual.value}
                    disabled={!editable}
                    onChange={(value) => setPath(['performance', 'indicators', i, 'actual', 'value'], value)}
                  />
                ),
              },
              {
                title: '分值',
                render: (_: unknown, row: Model, i: number) => (
                  <InputNumber
                    aria-label="分值"
                    min={0}
                    value={row.weight}
                    disabled={!editable}
                    onChange={(value) => setPath(['performance', 'indicators', i, 'weight'], value)}
                  />
                ),
              },
              {
                title: '',
                render: (_: unknown, __: unknown, i: number) =>
                  editable && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        setPath(
                          ['performance', 'indicators'],
                          indicators.filter((_x, j) => j !== i),
                        )
                      }
                    >
                      删除
                    </Button>
                  ),
              },
            ]}
          />
          {editable && (
            <Button
              onClick={() =>
                setPath(
                  ['performance', 'indicators'],
                  [
                    ...indicators,
                    {
                      level1: '产出指标',
                      level2: null,
                      level3: '新指标',
                      target: { comparator: '≥', value: null, level: null, unit: null },
                      actual: { value: null, text: null },
                      weight: null,
                      score: null,
                      deviationReason: null,
                    },
                  ],
                )
              }
            >
              添加指标
            </Button>
          )}
          <Typography.Text type="secondary">
            指标权重合计：{indicators.reduce((s, x) => s + (x.weight ?? 0), 0)} 分
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'problems',
      label: '四、问题与改进',
      children: (
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 800 }}>
          <div>
            存在的问题（每行一条）
            <Input.TextArea
              aria-label="存在的问题"
              rows={5}
              disabled={!editable}
              defaultValue={(model.problems as string[]).join('\n')}
              onBlur={(e) => setPath(['problems'], lines(e.target.value))}
            />
          </div>
          <div>
            改进措施（每行一条）
            <Input.TextArea
              aria-label="改进措施"
              rows={5}
              disabled={!editable}
              defaultValue={(model.improvements as string[]).join('\n')}
              onBlur={(e) => setPath(['improvements'], lines(e.target.value))}
            />
          </div>
        </Space>
      ),
    },
    {
      key: 'preview',
      label: '预览',
      children: preview === undefined ? <Spin /> : <div className="jx-preview">{preview}</div>,
    },
  ];

  return (
    <Space orientation="vertical" style={{ display: 'flex' }}>
      <Space size="large" align="center">
        {statusTag}
        {!editable && (
          <Typography.Text type="secondary">
            报告当前状态为“{report.stateName}”，或您的角色不能修改，表单只读。
          </Typography.Text>
        )}
        {score && (
          <Statistic
            title={score.gradeFinal ? '得分' : '得分（暂定：部分指标待评）'}
            value={score.total}
            precision={2}
            suffix={`/ ${score.maxTotal}`}
            styles={{ content: { fontSize: 20 } }}
            data-testid="fill-score"
          />
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        items={tabs}
        onChange={(key) => {
          if (key !== 'preview') return;
          setPreview(undefined);
          api<{ text: string }>('GET', `/api/reports/${report.id}/text`)
            .then((reply) => setPreview(reply.text))
            .catch((e: Error) => setPreview(e.message));
        }}
      />
    </Space>
  );
}
