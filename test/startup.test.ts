/**
 * Start-up: `bin/jixiao check` and `extract` load only what they use. Every module the CLI imports
 * statically is parsed and run at start, and zod alone costs ~100 ms (the model and scoring need it, the
 * review does not), so the statically reachable part of the bundle must not import it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url).pathname;

function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  // esbuild's ESM output: `import … from "x"` and bare `import "x"`, never spread over lines with `from`.
  return [...code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?/gm)].map((m) => m[1]!);
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('CLI start-up', () => {
  it('imports neither zod nor the readers of other formats statically', () => {
    const { files, packages } = reachable(join(DIST, 'cli.mjs'));
    expect(files.size).toBeGreaterThan(1); // the walk follows chunks
    expect([...packages].sort()).not.toContain('zod');
    for (const heavy of ['exceljs', 'xlsx', 'pdfjs-dist', 'docx', 'echarts', 'fastify', 'kysely'])
      expect([...packages].some((p) => p === heavy || p.startsWith(`${heavy}/`))).toBe(false);
  });
});
