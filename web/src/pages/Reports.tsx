/** 单位与报告 (the landing page): the reports this user may see, with filters, search and upload. */
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionProps } from '../App.tsx';
import { api, type Page, type ReportRow, STATE_COLORS, type State, type Unit, uploadReport } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { navigate } from '../router.ts';
import { defaultReportYear, yearOfFileName } from '../year.ts';
import { FilterSelect } from './FilterSelect.tsx';

const STATES: { value: State; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '已提交' },
  { value: 'returned', label: '已退回' },
  { value: 'approved', label: '已审核' },
  { value: 'published', label: '已公开' },
];

const ACCEPT = '.docx,.pdf,.txt,.html,.htm,.xlsx,.xls';

function UploadDialog({ units, onClose }: { units: Unit[]; onClose(reportId?: string): void }) {
  const [file, setFile] = useState<File>();
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ unitId: string; year: number }>();
  const submit = async () => {
    const values = await form.validateFields();
    if (!file) {
      setError('请选择要上传的报告文件');
      return;
    }
    setError(undefined);
    setPercent(0);
    try {
      const reply = await uploadReport(
        { unitId: values.unitId, year: String(values.year) },
        file,
        setPercent,
      );
      onClose(reply.reportId);
    } catch (e) {
      setError((e as Error).message);
      setPercent(undefined);
    }
  };
  return (
    <Modal
      open
      title="上传报告"
      okText={percent === 100 ? '正在审查…' : '上传并审查'}
      cancelText="取消"
      onOk={submit}
      confirmLoading={percent !== undefined}
      onCancel={() => onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          unitId: units.length === 1 ? units[0]!.id : undefined,
          year: defaultReportYear(),
        }}
      >
        <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder="请选择单位" />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={1990} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Upload.Dragger
          accept={ACCEPT}
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            // The file's name tells the year unless the user has already typed one.
            const year = yearOfFileName(chosen.name);
            if (year !== undefined && !form.isFieldTouched('year')) form.setFieldValue('year', year);
            return false;
          }}
          onRemove={() => setFile(undefined)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入报告文件</p>
          <p className="ant-upload-hint">支持 DOCX、PDF、TXT、HTML、XLSX，最大 50 MB</p>
        </Upload.Dragger>
      </Form>
      {percent !== undefined && <Progress percent={percent} style={{ marginTop: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

export default function Reports({ user }: SessionProps) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [rows, setRows] = useState<ReportRow[]>();
  const [error, setError] = useState<string>();
  const [year, setYear] = useState<number>();
  const [state, setState] = useState<State>();
  const [search, setSearch] = useState('');
  const [uploading, setUploading] = useState(false);

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const query = new URLSearchParams({ pageSize: '100' });
      if (year) query.set('year', String(year));
      if (state) query.set('state', state);
      const [unitPage, reportPage] = await Promise.all([
        api<Page<Unit>>('GET', '/api/units?pageSize=100'),
        api<Page<ReportRow>>('GET', `/api/reports?${query}`),
      ]);
      setUnits(unitPage.items);
      setRows(reportPage.items);
    } catch (e) {
      setError((e as Error).message);
      setRows([]);
    }
  }, [year, state]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(
    () => (rows ?? []).filter((row) => (row.unitName ?? '').includes(search.trim())),
    [rows, search],
  );
  const years = useMemo(() => [...new Set((rows ?? []).map((r) => r.year))].sort((a, b) => b - a), [rows]);
  const mayUpload = user.role !== 'reviewer';

  return (
    <Card
      title="单位与报告"
      extra={
        mayUpload && (
          <Button type="primary" onClick={() => setUploading(true)} disabled={units.length === 0}>
            上传报告
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索单位名称"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
          aria-label="搜索单位名称"
        />
        <FilterSelect
          what="年度"
          all="全部年度"
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y}年度` }))}
        />
        <FilterSelect what="状态" all="全部状态" value={state} onChange={setState} options={STATES} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<ReportRow>
        rowKey="id"
        loading={rows === undefined}
        dataSource={shown}
        locale={{ emptyText: <Empty description={search ? '没有符合条件的报告' : '还没有报告，请先上传'} /> }}
        onRow={(row) => ({ onClick: () => navigate(`/reports/${row.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '单位',
            dataIndex: 'unitName',
            render: (name: string, row) => (
              <a
                href={`/reports/${row.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/reports/${row.id}`);
                }}
              >
                {name}
              </a>
            ),
          },
          { title: '年度', dataIndex: 'year', width: 100, sorter: (a, b) => a.year - b.year },
          {
            title: '状态',
            dataIndex: 'stateName',
            width: 120,
            render: (name: string, row) => <Tag color={STATE_COLORS[row.state]}>{name}</Tag>,
          },
          { title: '版本', dataIndex: 'currentVersion', width: 80 },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            width: 200,
            render: (at: string) => formatDateTime(at),
          },
        ]}
      />
      {uploading && (
        <UploadDialog
          units={units}
          onClose={(reportId) => {
            setUploading(false);
            if (reportId) navigate(`/reports/${reportId}`);
          }}
        />
      )}
    </Card>
  );
}
