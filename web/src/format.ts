/**
 * A date and time as toLocaleString('zh-CN') writes it ("2026/1/7 03:04:05"), in local time, without Intl:
 * the first Intl formatter of a page sets up ICU's locale data, ~100 ms of the first load measured in
 * chromium (bench/web.bench.ts) for one date in a table.
 */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}/${at.getMonth() + 1}/${at.getDate()} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
