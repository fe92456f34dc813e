/** A list filter: "全部…" when cleared, labelled for screen readers by what it filters. */
import { Select } from 'antd';

export function FilterSelect<T extends string | number>({
  what,
  all,
  value,
  options,
  width = 140,
  onChange,
}: {
  /** "年度" → aria-label "按年度筛选" */
  what: string;
  /** The cleared state's text, e.g. "全部年度". */
  all: string;
  value: T | undefined;
  options: { value: T; label: string }[];
  width?: number;
  onChange(value: NoInfer<T> | undefined): void;
}) {
  return (
    <Select<T>
      placeholder={all}
      allowClear
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      options={options}
      style={{ width }}
      aria-label={`按${what}筛选`}
    />
  );
}
