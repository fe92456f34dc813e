/** Request bodies and queries checked with zod; the first problem becomes a Chinese 400. */
import { z } from 'zod';
import { apiError } from './errors.ts';

const zhCN = z.locales.zhCN().localeError;

/**
 * `value` checked against `schema`, or a 400 naming the field; `part` names the request part (请求体,
 * 查询参数 …) when the problem is with the whole value.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, part?: string): z.infer<S> {
  const result = schema.safeParse(value, { error: zhCN });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const where = path !== '' ? `${path}：` : part !== undefined ? `${part}：` : '';
  throw apiError('JX_BAD_REQUEST', { detail: `${where}${issue.message}` });
}

/** Text a user typed: trimmed, non-empty, bounded, no control characters. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasControlCharacters(s, true), '不能包含控制字符');
}

export const Id = z.string().min(1).max(64);
export const Year = z.coerce.number().int().min(1990).max(2100);

/** C0 controls and DEL; `allowLineBreaks` keeps tab, LF and CR (multi-line comments). */
export function hasControlCharacters(s: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (allowLineBreaks && (code === 9 || code === 10 || code === 13)) continue;
    if (code < 32 || code === 127) return true;
  }
  return false;
}

export function stripControlCharacters(s: string): string {
  return [...s].filter((ch) => !hasControlCharacters(ch)).join('');
}
