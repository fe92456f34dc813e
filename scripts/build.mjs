// Bundles the CLI into dist/cli.mjs (plus chunks loaded on demand) so `bin/jixiao` starts without a
// TypeScript loader.
import { build } from 'esbuild';

await build({
  // The batch's worker threads load their own entry.
  entryPoints: { cli: 'src/cli/main.ts', 'batch-worker': 'src/batch/worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Each `await import('./formats/…')` becomes its own chunk, so the npm packages a reader imports
  // (exceljs, SheetJS, htmlparser2) load only when that format is read. Without splitting esbuild hoists
  // their imports into dist/cli.mjs and `jixiao --version` pays ~300 ms for them.
  splitting: true,
  // Content-hashed, so an unchanged build rewrites the same files. Old chunks are not deleted here: test
  // files build concurrently and a running CLI may still need them (`rm -rf dist` cleans up).
  chunkNames: 'chunks/[name]-[hash]',
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
