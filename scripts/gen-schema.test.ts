import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FRAMEWORK_SCHEMA_PATH,
  MODEL_SCHEMA_PATH,
  renderFrameworkSchema,
  renderModelSchema,
} from './gen-schema.ts';

describe('generated JSON Schemas', () => {
  it.each([
    ['schemas/self-evaluation.schema.json', MODEL_SCHEMA_PATH, renderModelSchema],
    ['schemas/framework.schema.json', FRAMEWORK_SCHEMA_PATH, renderFrameworkSchema],
  ])('%s is up to date (run `npm run schema`)', (name, path, render) => {
    expect(existsSync(path), `${name} is missing: run \`npm run schema\``).toBe(true);
    expect(readFileSync(path, 'utf8') === render(), `${name} is stale: run \`npm run schema\``).toBe(true);
  });

  it('describes money as integer 分 and lets defaulted fields be omitted', () => {
    const schema = JSON.parse(renderModelSchema());
    expect(schema.required).toEqual(['unit', 'fiscalYear']);
    const actual =
      schema.properties.budget.properties.generalPublic.properties.basic.properties.total.properties.actual;
    expect(actual.description).toBe('全年执行数');
    expect(actual.anyOf[0].type).toBe('integer');
    expect(schema.properties.$schema.type).toBe('string');
  });

  it('describes framework files, recursive indicator tree included', () => {
    const schema = JSON.parse(renderFrameworkSchema());
    expect(schema.required).toContain('grades');
    expect(schema.properties.indicators.items.$ref).toMatch(/^#\/\$defs\//);
  });
});
