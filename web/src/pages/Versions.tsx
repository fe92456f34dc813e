/** 版本历史: every version of the report, and a readable diff between any two. */
import { Alert, Empty, Select, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type VersionRow } from '../api.ts';
import { formatDateTime } from '../format.ts';
import type { ReportTabProps } from './Report.tsx';

interface Change {
  path: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** Money is stored in 分; the form shows 万元, so does the diff. */
function shown(value: unknown, path: string): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'number' && path.startsWith('budget.') && !path.endsWith('Rate'))
    return `${(value / 1_000_000).toFixed(2)} 万元`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export default function Versions({ report }: ReportTabProps) {
  const numbers = report.versions.map((v) => v.number);
  const [to, setTo] = useState(report.currentVersion);
  const [from, setFrom] = useState(Math.max(1, report.currentVersion - 1));
  const [changes, setChanges] = useState<Change[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (from === to) {
      setChanges([]);
      return;
    }
    setChanges(undefined);
    api<{ changes: Change[] }>('GET', `/api/reports/${report.id}/diff?from=${from}&to=${to}`)
      .then((reply) => setChanges(reply.changes))
      .catch((e: Error) => setError(e.message));
  }, [report.id, from, to]);

  const options = numbers.map((n) => ({ value: n, label: `第 ${n} 版` }));
  return (
    <Space orientation="vertical" style={{ display: 'flex' }}>
      <Table<VersionRow>
        rowKey="number"
        size="small"
        pagination={false}
        dataSource={[...report.versions].reverse()}
        columns={[
          { title: '版本', dataIndex: 'number', width: 80, render: (n: number) => `第 ${n} 版` },
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (name: string) => (name.endsWith('.json') ? '网页填报' : name),
          },
          {
            title: '时间',
            dataIndex: 'createdAt',
            render: (at: string) => formatDateTime(at),
          },
        ]}
      />
      <Space>
        <Typography.Text>比较</Typography.Text>
        <Select
          value={from}
          options={options}
          onChange={setFrom}
          style={{ width: 110 }}
          aria-label="旧版本"
        />
        <Typography.Text>与</Typography.Text>
        <Select value={to} options={options} onChange={setTo} style={{ width: 110 }} aria-label="新版本" />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {changes === undefined ? (
        <Spin />
      ) : changes.length === 0 ? (
        <Empty description={from === to ? '请选择两个不同的版本' : '两个版本的填报内容相同'} />
      ) : (
        <Table<Change>
          rowKey="path"
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={changes}
          columns={[
            { title: '字段', dataIndex: 'label' },
            {
              title: `第 ${from} 版`,
              dataIndex: 'before',
              render: (v: unknown, row) => <del style={{ color: '#b91c1c' }}>{shown(v, row.path)}</del>,
            },
            {
              title: `第 ${to} 版`,
              dataIndex: 'after',
              render: (v: unknown, row) => <ins style={{ color: '#15803d' }}>{shown(v, row.path)}</ins>,
            },
          ]}
        />
      )}
    </Space>
  );
}
