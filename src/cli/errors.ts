/** CLI-only error handling: exit codes and the one-line stderr report. */
import { isJixiaoError } from '../errors.ts';

export const EXIT = {
  ok: 0,
  /** At least one error-severity finding. */
  findings: 1,
  /** Bad input or usage: nothing was checked. */
  bad: 2,
  /** A bug in jixiao (sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

export interface FailureReport {
  exitCode: number;
  /** What goes to stderr, newline-terminated. */
  output: string;
}

/** Expected errors get their Chinese line; anything else is a bug and says so, with the stack only in debug mode. */
export function describeFailure(error: unknown, debug: boolean): FailureReport {
  if (isJixiaoError(error)) {
    const stack = debug && error.stack ? `${error.stack}\n` : '';
    return { exitCode: EXIT.bad, output: `jixiao：${error.message}\n${stack}` };
  }
  const detail = firstLine(error instanceof Error ? error.message : String(error)) || '未知错误';
  const hint = debug ? '' : '（设置 JIXIAO_DEBUG=1 可查看详情）';
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return {
    exitCode: EXIT.internal,
    output: `jixiao：内部错误：${detail}，请报告此问题${hint}\n${stack}`,
  };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]!.trim();
}
