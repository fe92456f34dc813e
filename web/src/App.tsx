/** The shell: the session, role-aware navigation, and the pages (each loaded only when first shown). */
import { Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Suspense, useCallback, useState } from 'react';
import { api, ROLE_NAMES, setCsrfToken, type User } from './api.ts';
import { lazyPage } from './lazyPage.tsx';
import { Login } from './pages/Login.tsx';
import { overviewPage, reportPage, reportsPage } from './pages.ts';
import { isReviewer } from './preload.ts';
import { matchReport, navigate, usePath } from './router.ts';

const Reports = lazyPage(reportsPage);
const ReportPage = lazyPage(reportPage);
const Overview = lazyPage(overviewPage);

export interface SessionProps {
  user: User;
}

/** `initialUser`: the session as the first load found it (preload.ts), null when logged out. */
export function App({ initialUser }: { initialUser: User | null }) {
  const path = usePath();
  const [user, setUser] = useState<User | null>(initialUser);

  const logout = useCallback(async () => {
    await api('DELETE', '/api/session').catch(() => undefined);
    setCsrfToken(undefined);
    setUser(null);
    navigate('/login');
  }, []);

  if (user === null)
    return (
      <Login
        onLogin={(session) => {
          setCsrfToken(session.csrfToken);
          setUser(session.user);
          if (path === '/login') navigate('/');
        }}
      />
    );

  const report = matchReport(path);
  const menu = [
    { key: '/', label: '单位与报告' },
    ...(isReviewer(user) ? [{ key: '/overview', label: '总览' }] : []),
  ];
  const selected = path.startsWith('/overview') ? '/overview' : '/';

  let page: React.ReactNode;
  if (path === '/' || path === '/login') page = <Reports user={user} />;
  else if (report) page = <ReportPage user={user} id={report.id} tab={report.tab} />;
  else if (path === '/overview' && isReviewer(user)) page = <Overview />;
  else
    page = (
      <Result
        status="404"
        title="页面不存在"
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回单位与报告
          </Button>
        }
      />
    );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="jx-header">
        <span className="jx-brand">预算绩效自评</span>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={menu}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, background: 'transparent' }}
        />
        <Space>
          <Typography.Text style={{ color: '#cbd5e1' }}>
            {user.username}（{ROLE_NAMES[user.role]}）
          </Typography.Text>
          <Button size="small" onClick={logout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="jx-content">
        <Suspense fallback={<Spin description="正在加载…" style={{ display: 'block', marginTop: 80 }} />}>
          {page}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
