/** React, antd (zh_CN) and the app, rendered once the session and the first page's code are known. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { setCsrfToken } from './api.ts';
import type { FirstLoad } from './preload.ts';
import { THEME } from './theme.ts';
import './app.css';

dayjs.locale('zh-cn');

export async function boot({ session, code }: FirstLoad): Promise<void> {
  // Both have usually settled while antd was evaluated: the first render is then the page itself,
  // not a spinner followed by the page.
  const [state] = await Promise.all([session, code]);
  setCsrfToken(state.csrfToken ?? undefined);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* antd's styles come from the stylesheet the build wrote for THEME (vite.config.ts) */}
      <ConfigProvider locale={zhCN} theme={{ ...THEME, zeroRuntime: true }}>
        <AntApp>
          <App initialUser={state.user} />
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
