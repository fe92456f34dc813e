/**
 * Check configuration: `jixiao.config.json` + `--rule id=severity` + `--template ID`, merged into one
 * ResolvedConfig. Pure: the CLI reads the file and hands the text here. Every mistake is a JX_CONFIG
 * JixiaoError with a Chinese message naming the problem, because a silently ignored setting is worse
 * than a refused one.
 *
 * A rule's default options are its schema (ESLint's `defaultOptions`): a config may set only keys the
 * rule declares, with a value of the same JSON type.
 */
import { JixiaoError } from '../errors.ts';
import type { Rule, Severity } from './rule.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes option types
type AnyRule = Rule<any>;

export type SeveritySetting = Severity | 'off';

/** As written in the file: `"warning"` or `["warning", { …options }]`. */
export type RuleSetting = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

export interface ConfigFile {
  template?: string;
  rules?: Record<string, RuleSetting>;
}

export interface RuleConfig {
  severity: SeveritySetting;
  /** The rule's defaults with the configured overrides applied. */
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  template: string | null;
  /** One entry per catalogue rule. */
  rules: Record<string, RuleConfig>;
}

export interface ConfigSources {
  /** Parsed JSON of the config file (see parseConfigJson), if any. */
  file?: unknown;
  /** How to name the file in messages. */
  fileName?: string;
  /** `--rule` values, in order: later ones win. */
  ruleFlags?: readonly string[];
  /** `--template`; wins over the file. */
  template?: string;
}

export interface ConfigContext {
  catalogue: readonly AnyRule[];
  /** Known outline template ids; when given, a template id is checked against them. */
  templates?: readonly string[];
}

export const CONFIG_FILE_NAME = 'jixiao.config.json';
/** The rule whose `template` option `--template` and the file's top-level `template` set. */
export const TEMPLATE_RULE = 'missing-section';

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const FILE_KEYS = new Set(['$schema', 'template', 'rules']);

function configError(message: string): JixiaoError {
  return new JixiaoError('JX_CONFIG', { detail: message });
}

/** Parses the config file's text; a BOM is tolerated because Windows editors add one. */
export function parseConfigJson(text: string, fileName: string = CONFIG_FILE_NAME): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw configError(`配置文件 ${fileName} 不是有效的 JSON：${detail}`);
  }
}

/** The configuration with every rule at its defaults. */
export function defaultConfig(catalogue: readonly AnyRule[]): ResolvedConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const rule of catalogue) rules[rule.id] = { severity: rule.severity, options: { ...rule.options } };
  return { template: null, rules };
}

export function resolveConfig(sources: ConfigSources, context: ConfigContext): ResolvedConfig {
  const fileName = sources.fileName ?? CONFIG_FILE_NAME;
  const byId = new Map(context.catalogue.map((rule) => [rule.id, rule]));
  const config = defaultConfig(context.catalogue);

  const file = sources.file === undefined ? {} : validateFileShape(sources.file, fileName);
  if (file.template !== undefined)
    applyTemplate(config, byId, file.template, `${fileName} 的 template`, context);
  for (const [id, setting] of Object.entries(file.rules ?? {})) {
    const rule = requireRule(byId, id, `${fileName} 的 rules`);
    applyRuleSetting(config, rule, setting, `${fileName} 中规则 ${id}`, context);
  }
  for (const flag of sources.ruleFlags ?? []) {
    const { id, severity } = parseRuleFlag(flag);
    requireRule(byId, id, '--rule');
    (config.rules[id] as RuleConfig).severity = severity;
  }
  if (sources.template !== undefined) applyTemplate(config, byId, sources.template, '--template', context);
  return config;
}

function validateFileShape(value: unknown, fileName: string): ConfigFile {
  if (!isPlainObject(value)) throw configError(`配置文件 ${fileName} 顶层应为对象（{ … }）`);
  for (const key of Object.keys(value)) {
    if (!FILE_KEYS.has(key)) {
      throw configError(`配置文件 ${fileName} 中有未知的配置项“${key}”（可用：template、rules）`);
    }
  }
  if (value.template !== undefined && typeof value.template !== 'string') {
    throw configError(`配置文件 ${fileName} 中 template 应为字符串`);
  }
  if (value.rules !== undefined && !isPlainObject(value.rules)) {
    throw configError(`配置文件 ${fileName} 中 rules 应为对象，键为规则名`);
  }
  return value as ConfigFile;
}

function applyRuleSetting(
  config: ResolvedConfig,
  rule: AnyRule,
  setting: unknown,
  where: string,
  context: ConfigContext,
): void {
  const target = config.rules[rule.id] as RuleConfig;
  if (typeof setting === 'string') {
    target.severity = requireSeverity(setting, where);
    return;
  }
  if (!Array.isArray(setting) || setting.length < 1 || setting.length > 2) {
    throw configError(`${where} 的设置应为级别字符串或 ["级别", { 选项 }]`);
  }
  target.severity = requireSeverity(setting[0], where);
  if (setting.length === 2) {
    const options = validateOptions(rule, setting[1], where);
    if (rule.id === TEMPLATE_RULE && typeof options.template === 'string') {
      requireKnownTemplate(options.template, where, context);
    }
    Object.assign(target.options, options);
  }
}

/** Options must be keys the rule declares, each with its default's JSON type. */
export function validateOptions(rule: AnyRule, options: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(options)) throw configError(`${where} 的选项应为对象`);
  const defaults = rule.options as Record<string, unknown>;
  const known = Object.keys(defaults);
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(defaults, key)) {
      const list = known.length > 0 ? `可用：${known.join('、')}` : '该规则没有选项';
      throw configError(`${where} 没有选项“${key}”（${list}）`);
    }
    const expected = jsonType(defaults[key]);
    if (expected !== 'null' && jsonType(value) !== expected) {
      throw configError(
        `${where} 的选项 ${key} 应为${TYPE_NAMES[expected]}，实际为${TYPE_NAMES[jsonType(value)]}`,
      );
    }
  }
  return options;
}

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

const TYPE_NAMES: Record<JsonType, string> = {
  string: '字符串',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  null: '空值',
};

function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as JsonType;
  return 'object';
}

function applyTemplate(
  config: ResolvedConfig,
  byId: Map<string, AnyRule>,
  template: string,
  where: string,
  context: ConfigContext,
): void {
  if (template.trim() === '') throw configError(`${where} 不能为空`);
  requireKnownTemplate(template, where, context);
  config.template = template;
  const rule = byId.get(TEMPLATE_RULE);
  if (!rule) return; // a partial catalogue (tests) has nothing to hand the template to
  if (!Object.hasOwn(rule.options, 'template')) {
    throw configError(`${where}：规则 ${TEMPLATE_RULE} 尚不支持选择模板`);
  }
  (config.rules[TEMPLATE_RULE] as RuleConfig).options.template = template;
}

function requireKnownTemplate(template: string, where: string, context: ConfigContext): void {
  if (context.templates === undefined || context.templates.includes(template)) return;
  const list = context.templates.length > 0 ? `可用：${context.templates.join('、')}` : '没有可用的模板';
  throw configError(`${where}：未知的模板“${template}”（${list}）`);
}

/** `--rule sum-mismatch=error` → { id, severity }. */
export function parseRuleFlag(flag: string): { id: string; severity: SeveritySetting } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw configError(`--rule 的格式应为 规则名=级别（off、info、warning、error），收到“${flag}”`);
  const id = flag.slice(0, eq).trim();
  const severity = requireSeverity(flag.slice(eq + 1).trim(), `--rule ${id}`);
  return { id, severity };
}

function requireSeverity(value: unknown, where: string): SeveritySetting {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
    return value as SeveritySetting;
  }
  throw configError(`${where} 的级别“${String(value)}”无效（可用：off、info、warning、error）`);
}

function requireRule(byId: Map<string, AnyRule>, id: string, where: string): AnyRule {
  const rule = byId.get(id);
  if (rule) return rule;
  const guess = closest(id, [...byId.keys()]);
  const hint = guess ? `，是否指 ${guess}？` : '';
  throw configError(`${where} 中有未知的规则“${id}”${hint}`);
}

/** The nearest id within a small edit distance, to turn a typo into a suggestion. */
function closest(id: string, ids: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of ids) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
