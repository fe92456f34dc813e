import { describe, expect, it } from 'vitest';
import { defaultReportYear, yearOfFileName } from '../web/src/year.ts';

describe('the upload dialog year', () => {
  it('is the year in the file name when it has one', () => {
    expect(yearOfFileName('yuehu-2020.txt')).toBe(2020);
    expect(yearOfFileName('月湖街道2021年度部门整体支出绩效自评报告.docx')).toBe(2021);
    expect(yearOfFileName('report_1998.pdf')).toBe(1998);
  });

  it('ignores numbers that are not a year', () => {
    expect(yearOfFileName('报告.docx')).toBeUndefined();
    expect(yearOfFileName('scan-120231.pdf')).toBeUndefined();
    expect(yearOfFileName('版本3075.txt')).toBeUndefined();
  });

  it('is otherwise last calendar year', () => {
    expect(defaultReportYear(new Date(2026, 0, 15))).toBe(2025);
  });
});
