/** One report: its state and workflow actions, exports, and the tabs 上传审核 / 填报 / 评分 / 版本. */
import { Alert, App, Button, Card, Descriptions, Dropdown, Space, Spin, Tabs, Tag } from 'antd';
import { Suspense, useCallback, useEffect, useState } from 'react';
import type { SessionProps } from '../App.tsx';
import { api, type ReportDetail, type Role, STATE_COLORS, type State } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { lazyPage } from '../lazyPage.tsx';
import { fillTab, reviewTab, scoreTab, versionsTab } from '../pages.ts';
import { navigate } from '../router.ts';
import { TextDialog } from './TextDialog.tsx';

const Review = lazyPage(reviewTab);
const Fill = lazyPage(fillTab);
const Score = lazyPage(scoreTab);
const Versions = lazyPage(versionsTab);

type Transition = 'submit' | 'return' | 'resubmit' | 'approve' | 'publish';

/** Mirrors src/server/policy.ts for the buttons shown; the server decides. */
const TRANSITIONS: { key: Transition; label: string; from: State; roles: Role[]; danger?: boolean }[] = [
  { key: 'submit', label: '提交', from: 'draft', roles: ['unit_approver', 'admin'] },
  { key: 'resubmit', label: '重新提交', from: 'returned', roles: ['unit_approver', 'admin'] },
  { key: 'return', label: '退回', from: 'submitted', roles: ['reviewer', 'admin'], danger: true },
  { key: 'approve', label: '审核通过', from: 'submitted', roles: ['reviewer', 'admin'] },
  { key: 'publish', label: '公开', from: 'approved', roles: ['reviewer', 'admin'] },
];

const EXPORTS = [
  { key: 'docx', label: 'Word（DOCX）' },
  { key: 'xlsx', label: 'Excel（XLSX）' },
  { key: 'pdf', label: 'PDF' },
  { key: 'html', label: '网页（HTML）' },
];

export interface ReportTabProps extends SessionProps {
  report: ReportDetail;
  /** Reload the report after a change (a new version, a workflow step). */
  refresh(): Promise<void>;
}

export default function ReportPage({ user, id, tab }: SessionProps & { id: string; tab: string }) {
  const { message } = App.useApp();
  const [report, setReport] = useState<ReportDetail>();
  const [error, setError] = useState<string>();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');

  const refresh = useCallback(async () => {
    try {
      setReport(await api<ReportDetail>('GET', `/api/reports/${id}`));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error}
        action={<Button onClick={() => navigate('/')}>返回</Button>}
      />
    );
  if (!report) return <Spin description="正在加载报告…" style={{ display: 'block', marginTop: 80 }} />;

  const act = async (transition: Transition, comment?: string) => {
    try {
      await api('POST', `/api/reports/${id}/${transition}`, {
        version: report.version,
        ...(comment ? { comment } : {}),
      });
      message.success(`已${TRANSITIONS.find((t) => t.key === transition)!.label}`);
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const actions = TRANSITIONS.filter((t) => t.from === report.state && t.roles.includes(user.role));
  const props: ReportTabProps = { user, report, refresh };
  const tabs = [
    { key: 'review', label: '上传审核', children: <Review {...props} /> },
    { key: 'fill', label: '填报', children: <Fill {...props} /> },
    { key: 'score', label: '评分', children: <Score {...props} /> },
    { key: 'versions', label: '版本历史', children: <Versions {...props} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      <Card
        title={`${report.unitName ?? ''} ${report.year}年度绩效自评报告`}
        extra={
          <Space>
            {actions.map((t) => (
              <Button
                key={t.key}
                type={t.danger ? 'default' : 'primary'}
                danger={t.danger}
                onClick={() => (t.key === 'return' ? setReturning(true) : act(t.key))}
              >
                {t.label}
              </Button>
            ))}
            <Dropdown
              menu={{
                items: EXPORTS,
                onClick: ({ key }) => {
                  window.location.href = `/api/reports/${id}/export/${key}`;
                },
              }}
            >
              <Button>导出</Button>
            </Dropdown>
          </Space>
        }
      >
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="状态">
            <Tag color={STATE_COLORS[report.state]}>{report.stateName}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="当前版本">第 {report.currentVersion} 版</Descriptions.Item>
          <Descriptions.Item label="文件">{report.versions.at(-1)?.fileName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="更新时间">{formatDateTime(report.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => navigate(key === 'review' ? `/reports/${id}` : `/reports/${id}/${key}`)}
          items={tabs.map((t) => ({
            ...t,
            children: <Suspense fallback={<Spin description="正在加载…" />}>{t.children}</Suspense>,
          }))}
        />
      </Card>
      <TextDialog
        open={returning}
        title="退回报告"
        okText="退回"
        danger
        prompt={<p>请写明退回意见，单位将据此修改：</p>}
        label="退回意见"
        value={reason}
        onChange={setReason}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          setReturning(false);
          await act('return', reason.trim());
          setReason('');
        }}
      />
    </Space>
  );
}
