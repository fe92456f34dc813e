/**
 * 总览 for reviewers: every unit of the region with score, grade, execution rate, finding counts and status;
 * charts of the grade distribution, execution-rate outliers and year-over-year trends; how often reviewers
 * dismissed each rule's findings; the table as XLSX.
 */
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, STATE_COLORS, type State } from '../api.ts';
import { navigate } from '../router.ts';
import { Chart } from './charts.tsx';

interface OverviewRow {
  reportId: string;
  unitName: string;
  year: number;
  state: State;
  stateName: string;
  score: number | null;
  grade: string | null;
  executionRate: number | null;
  findings: { error: number; warning: number; info: number };
}

interface RuleStat {
  rule: string;
  decided: number;
  dismissed: number;
  dismissalRate: number;
}

const GRADES = ['优', '良', '中', '差'];
/** Execution rates outside this band are outliers worth a look (below: unspent; above: overspent). */
const RATE_BAND = { low: 90, high: 105 };

export default function Overview() {
  const [data, setData] = useState<{ rows: OverviewRow[]; rules: RuleStat[] }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api<{ rows: OverviewRow[]; rules: RuleStat[] }>('GET', '/api/overview')
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, []);

  const charts = useMemo(() => {
    if (!data) return undefined;
    const grades = GRADES.map((grade) => ({
      name: grade,
      value: data.rows.filter((r) => r.grade === grade).length,
    }));
    const rated = data.rows.filter((r) => r.executionRate !== null);
    const years = [...new Set(data.rows.map((r) => r.year))].sort();
    const mean = (values: number[]) =>
      values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    return {
      grades: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['40%', '70%'], data: grades, label: { formatter: '{b}：{c}' } }],
      },
      rates: {
        tooltip: {
          trigger: 'item',
          formatter: (p: { data: [string, number] }) => `${p.data[0]}：${p.data[1].toFixed(2)}%`,
        },
        grid: { left: 48, right: 16, top: 16, bottom: 60 },
        xAxis: { type: 'category', data: rated.map((r) => r.unitName), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', name: '%' },
        series: [
          {
            type: 'scatter',
            symbolSize: 12,
            data: rated.map((r) => ({
              value: [r.unitName, r.executionRate],
              itemStyle: {
                color:
                  r.executionRate! < RATE_BAND.low || r.executionRate! > RATE_BAND.high
                    ? '#dc2626'
                    : '#1d4ed8',
              },
            })),
            markLine: {
              silent: true,
              symbol: 'none',
              data: [{ yAxis: RATE_BAND.low }, { yAxis: RATE_BAND.high }],
            },
          },
        ],
      },
      trend: {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 48, right: 48, top: 16, bottom: 40 },
        xAxis: { type: 'category', data: years.map(String) },
        yAxis: [
          { type: 'value', name: '平均得分' },
          { type: 'value', name: '平均执行率 %' },
        ],
        series: [
          {
            name: '平均得分',
            type: 'line',
            data: years.map((y) =>
              mean(data.rows.filter((r) => r.year === y && r.score !== null).map((r) => r.score!)),
            ),
          },
          {
            name: '平均执行率',
            type: 'bar',
            yAxisIndex: 1,
            data: years.map((y) =>
              mean(
                data.rows
                  .filter((r) => r.year === y && r.executionRate !== null)
                  .map((r) => r.executionRate!),
              ),
            ),
          },
        ],
      },
    };
  }, [data]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data || !charts)
    return <Spin description="正在加载总览…" style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      <Card
        title="本地区各单位自评情况"
        extra={
          <Button href="/api/overview.xlsx" disabled={data.rows.length === 0}>
            导出 XLSX
          </Button>
        }
      >
        <Table<OverviewRow>
          rowKey="reportId"
          size="small"
          dataSource={data.rows}
          locale={{ emptyText: <Empty description="还没有报告" /> }}
          onRow={(row) => ({
            onClick: () => navigate(`/reports/${row.reportId}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '年度', dataIndex: 'year', width: 80, sorter: (a, b) => a.year - b.year },
            {
              title: '得分',
              dataIndex: 'score',
              width: 90,
              sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
              render: (s: number | null) => (s === null ? '—' : s.toFixed(2)),
            },
            { title: '等级', dataIndex: 'grade', width: 70, render: (g: string | null) => g ?? '—' },
            {
              title: '预算执行率',
              dataIndex: 'executionRate',
              width: 110,
              sorter: (a, b) => (a.executionRate ?? -1) - (b.executionRate ?? -1),
              render: (r: number | null) =>
                r === null ? (
                  '—'
                ) : (
                  <span style={{ color: r < RATE_BAND.low || r > RATE_BAND.high ? '#dc2626' : undefined }}>
                    {r.toFixed(2)}%
                  </span>
                ),
            },
            {
              title: '问题（错误/警告/提示）',
              key: 'findings',
              width: 170,
              render: (_, row) => `${row.findings.error} / ${row.findings.warning} / ${row.findings.info}`,
            },
            {
              title: '状态',
              dataIndex: 'stateName',
              width: 90,
              render: (name: string, row) => <Tag color={STATE_COLORS[row.state]}>{name}</Tag>,
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card title="等级分布" size="small">
            <Chart option={charts.grades} label="等级分布图" />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={`预算执行率（${RATE_BAND.low}%～${RATE_BAND.high}% 之外标红）`} size="small">
            <Chart option={charts.rates} label="预算执行率散点图" />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title="逐年趋势" size="small">
            <Chart option={charts.trend} label="逐年趋势图" />
          </Card>
        </Col>
      </Row>
      <Card title="各规则的审核判定（不是问题的比例即该规则在本地区报告上的误报率）" size="small">
        <Table<RuleStat>
          rowKey="rule"
          size="small"
          pagination={false}
          dataSource={data.rules}
          locale={{ emptyText: <Empty description="审核人尚未判定任何问题" /> }}
          columns={[
            {
              title: '规则',
              dataIndex: 'rule',
              render: (r: string) => <Typography.Text code>{r}</Typography.Text>,
            },
            { title: '已判定', dataIndex: 'decided', width: 90 },
            { title: '不是问题', dataIndex: 'dismissed', width: 90 },
            {
              title: '不是问题的比例',
              dataIndex: 'dismissalRate',
              width: 140,
              sorter: (a, b) => a.dismissalRate - b.dismissalRate,
              render: (rate: number) => `${(rate * 100).toFixed(1)}%`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
