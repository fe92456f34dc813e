// Bundles the CLI into one ESM file so `bin/jixiao` starts without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  // npm packages load from node_modules at run time; heavy readers (pdfjs, exceljs) are imported lazily.
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __jxCreateRequire } from 'node:module'; const require = __jxCreateRequire(import.meta.url);",
  },
});
