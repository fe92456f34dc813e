/**
 * The year a report is about, as far as the upload dialog can know it before the server reads the file:
 * from the file's name ("月湖街道2020年度绩效自评报告.docx", "yuehu-2020.txt"); otherwise last year, since
 * reports are written the year after the one they evaluate.
 */
const YEAR = /(?<!\d)(19[9]\d|20\d\d)(?!\d)/;

export function yearOfFileName(name: string): number | undefined {
  const match = YEAR.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function defaultReportYear(now: Date = new Date()): number {
  return now.getFullYear() - 1;
}
