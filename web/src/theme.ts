/**
 * The antd theme, shared by the app (boot.tsx) and the build (vite.config.ts), which writes antd's styles
 * for exactly this theme into a stylesheet: antd then generates no CSS in the browser (zeroRuntime), the
 * largest single cost of the first render measured in bench/web.bench.ts. A fixed CSS-variable key and
 * no hashed class names make the build's selectors and the browser's class names the same by construction.
 */
import type { ThemeConfig } from 'antd';

export const THEME = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 4,
    // The page's own font (app.css) for antd's components too: Chinese text and figures in one typeface.
    fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  },
  hashed: false,
  cssVar: { key: 'jixiao' },
} satisfies ThemeConfig;
