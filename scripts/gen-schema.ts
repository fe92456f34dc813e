/**
 * Generates the JSON Schemas from the zod schemas, so editors can check a hand-written model or framework
 * file: schemas/self-evaluation.schema.json (the model, input form: fields with defaults are optional) and
 * schemas/framework.schema.json (a frameworks/*.json file). `npm run schema` writes them; gen-schema.test.ts
 * fails when a committed file is stale. The arithmetic checks (parts = total) and the framework cross-checks
 * are not expressible in JSON Schema: `jixiao score` runs them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SelfEvaluationShape } from '../src/model/schema.ts';
import { FrameworkShape } from '../src/scoring/framework-schema.ts';

export const MODEL_SCHEMA_PATH = fileURLToPath(
  new URL('../schemas/self-evaluation.schema.json', import.meta.url),
);
export const FRAMEWORK_SCHEMA_PATH = fileURLToPath(
  new URL('../schemas/framework.schema.json', import.meta.url),
);

function render(schema: z.ZodType, title: string, description: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`;
}

export function renderModelSchema(): string {
  const withSchemaKey = SelfEvaluationShape.extend({
    $schema: z.string().optional().describe('本文件所用 JSON Schema 的路径（供编辑器校验，可省略）'),
  });
  return render(
    withSchemaKey,
    '预算绩效自评模型（jixiao SelfEvaluation）',
    '由 scripts/gen-schema.ts 根据 src/model/schema.ts 生成，请勿手工修改。金额一律为整数“分”；null 表示未知。各项合计（基本支出 = 人员经费 + 公用经费等）由 jixiao 校验。',
  );
}

export function renderFrameworkSchema(): string {
  return render(
    FrameworkShape,
    '评分指标体系文件（jixiao framework）',
    '由 scripts/gen-schema.ts 根据 src/scoring/framework-schema.ts 生成，请勿手工修改。权重合计、公式与输入、分数段衔接等交叉检查由加载测试执行，见 frameworks/README.md。',
  );
}

function main(): void {
  writeFileSync(MODEL_SCHEMA_PATH, renderModelSchema());
  writeFileSync(FRAMEWORK_SCHEMA_PATH, renderFrameworkSchema());
  process.stdout.write(`wrote ${MODEL_SCHEMA_PATH}\nwrote ${FRAMEWORK_SCHEMA_PATH}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
