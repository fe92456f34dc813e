/** 评分: the score sheet with each indicator's explanation; reviewers enter manual scores for qualitative ones. */
import { Alert, App, Button, InputNumber, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, type ScoreDoc, type ScoredIndicator } from '../api.ts';
import type { ReportTabProps } from './Report.tsx';

interface Sheet {
  manual: Record<string, string>;
  score: ScoreDoc;
}

/** Indicators only an evaluator can score: the engine says so in `missing`. */
function needsEvaluator(indicator: ScoredIndicator): boolean {
  return indicator.manual || indicator.missing.some((m) => m.includes('人工评分'));
}

export default function Score({ user, report }: ReportTabProps) {
  const { message } = App.useApp();
  const [sheet, setSheet] = useState<Sheet>();
  const [error, setError] = useState<string>();
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const isReviewer = user.role === 'reviewer' || user.role === 'admin';

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (the form saved) means a new score
  useEffect(() => {
    api<Sheet>('GET', `/api/reports/${report.id}/scoresheet`)
      .then(setSheet)
      .catch((e: Error) => setError(e.message));
  }, [report.id, report.currentVersion]);

  const saveManual = useCallback(
    async (indicator: string, value: number | null) => {
      try {
        setSheet(await api<Sheet>('PUT', `/api/reports/${report.id}/manual-scores`, { indicator, value }));
        message.success(value === null ? '已撤销人工评分' : '人工评分已保存');
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [report.id, message],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!sheet) return <Spin description="正在计算评分…" style={{ display: 'block', margin: 40 }} />;
  const { score } = sheet;

  return (
    <Space orientation="vertical" style={{ display: 'flex' }}>
      <Space size="large" wrap>
        <Statistic
          title="总分"
          value={score.total}
          precision={2}
          suffix={`/ ${score.maxTotal}`}
          data-testid="score-total"
        />
        <Statistic title={score.gradeFinal ? '等级' : '等级（暂定）'} value={score.grade ?? '—'} />
        <Statistic title="已评分指标分值" value={score.scoredWeight} suffix={`/ ${score.maxTotal}`} />
        <Statistic title="待评指标" value={score.unscoredCount} suffix="项" />
      </Space>
      <Typography.Text type="secondary">评分框架：{score.frameworkName}</Typography.Text>
      {!score.gradeFinal && (
        <Alert
          type="warning"
          showIcon
          title="评分为暂定结果"
          description={
            (score.gradeNote ?? '') +
            (isReviewer
              ? ' 可在下表中为定性指标录入人工评分；单位可在“填报”中补齐缺少的数字。'
              : ' 请在“填报”中补齐缺少的数字；定性指标由财政审核人评分。')
          }
        />
      )}
      <Table<ScoredIndicator>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={score.indicators}
        columns={[
          {
            title: '指标',
            key: 'name',
            width: 260,
            render: (_, row) => (
              <div>
                <Typography.Text type="secondary">{row.path.slice(0, -1).join(' / ')}</Typography.Text>
                <div>
                  <Typography.Text strong>{row.name}</Typography.Text>
                </div>
              </div>
            ),
          },
          { title: '分值', dataIndex: 'weight', width: 70 },
          {
            title: '得分',
            key: 'points',
            width: 230,
            render: (_, row) => {
              const shown =
                row.points === null ? (
                  <Tag>未评分</Tag>
                ) : (
                  <Typography.Text strong>{row.points.toFixed(2)}</Typography.Text>
                );
              if (!isReviewer || !needsEvaluator(row)) return shown;
              const entered = sheet.manual[row.id];
              return (
                <Space size={4} wrap>
                  {shown}
                  <InputNumber
                    size="small"
                    min={0}
                    max={row.weight}
                    step={0.5}
                    aria-label={`${row.name}人工评分`}
                    placeholder="人工评分"
                    value={
                      drafts[row.id] ??
                      (entered !== undefined && !Number.isNaN(Number(entered)) ? Number(entered) : null)
                    }
                    onChange={(value) =>
                      setDrafts({ ...drafts, [row.id]: value === null ? null : Number(value) })
                    }
                    onPressEnter={() => void saveManual(row.id, drafts[row.id] ?? null)}
                    style={{ width: 90 }}
                  />
                  <Button size="small" onClick={() => void saveManual(row.id, drafts[row.id] ?? null)}>
                    保存
                  </Button>
                </Space>
              );
            },
          },
          {
            title: '计算说明',
            key: 'steps',
            render: (_, row) => (
              <div style={{ fontSize: 13 }}>
                {row.steps.map((step) => (
                  <div key={step}>{step}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </Space>
  );
}
