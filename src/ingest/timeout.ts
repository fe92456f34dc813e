/** The time-limit error, worded once for the loader and the readers that stop themselves (PDF). */
import { JixiaoError } from '../errors.ts';

export function timeoutError(timeoutMs: number, file: string, cause?: unknown): JixiaoError {
  const seconds = String(Number((timeoutMs / 1000).toFixed(1)));
  return new JixiaoError('JX_TIMEOUT', { seconds, file }, cause === undefined ? undefined : { cause });
}
