// The web app's build: React + antd + ECharts into web/dist, served by `jixiao serve` (src/server/routes/web.ts).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';
import { THEME } from './src/theme.ts';

function chunksOf(bundle: OutputBundle, first: OutputChunk): OutputChunk[] {
  const seen = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const next = bundle[name];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(first);
  return [...seen.values()];
}

/**
 * index.html asks for the boot chunk (React, antd, the shell) and its CSS while the browser is still parsing
 * it. The entry imports boot.tsx dynamically so that the session and the page's data are requested before
 * antd arrives (web/src/preload.ts); without these links antd's download would wait for the entry to run.
 */
function preloadBoot(module: string): Plugin {
  return {
    name: 'jixiao-preload-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const boot = Object.values(bundle).find(
          (output): output is OutputChunk =>
            output.type === 'chunk' && !!output.facadeModuleId?.endsWith(module),
        );
        if (!boot) throw new Error(`jixiao-preload-boot: no chunk for ${module}`);
        const chunks = chunksOf(bundle, boot).filter((chunk) => !chunk.isEntry);
        const styles = chunks.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]);
        return [
          ...chunks.map((chunk) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head' as const,
          })),
          ...styles.map((file) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

/**
 * antd's styles for THEME, every component's, rendered once at build time (@ant-design/static-style-extract
 * renders each component, popups included, on the server) into a content-hashed stylesheet linked from
 * index.html before the app's own CSS. The app runs antd with zeroRuntime: no style is generated, hashed and
 * inserted in the browser during the first render.
 */
function antdStylesheet(): Plugin {
  let fileName = '';
  return {
    name: 'jixiao-antd-stylesheet',
    apply: 'build',
    buildStart() {
      const require = createRequire(import.meta.url);
      const { extractStyle } = require('@ant-design/static-style-extract');
      const { ConfigProvider } = require('antd');
      const { createElement } = require('react');
      const css: string = extractStyle((node: unknown) =>
        createElement(ConfigProvider, { theme: THEME }, node),
      );
      fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        // After the entry's <script>: a module script waits for the stylesheets before it, and the entry
        // should start the session request at once. Before the app's CSS (boot), which overrides antd's.
        { tag: 'link', attrs: { rel: 'stylesheet', href: `/${fileName}` }, injectTo: 'head' },
      ],
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), antdStylesheet(), preloadBoot('/src/boot.tsx')],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The charts (echarts + zrender) load only with the 总览 page. antd has no chunk of its own: split
        // with the pages that use its components, the login page and the report list evaluate a fraction of
        // it (one all-of-antd chunk was ~1.1 MB of script to evaluate before any page showed).
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
