/**
 * Expected failures as typed values: one code table, shared by the pure core and the adapters.
 * Each message is one line of Chinese with `{placeholders}`; the file, when there is one, comes last
 * so a long path never hides the problem.
 */
export const ERROR_MESSAGES = {
  JX_USAGE: '{detail}；运行 jixiao --help 查看用法',
  JX_NOT_FOUND: '找不到文件：{file}',
  JX_IS_DIRECTORY: '这是一个目录，不是文件：{file}',
  JX_PERMISSION: '没有读取权限：{file}',
  JX_EMPTY: '文件是空的，没有文字内容：{file}',
  JX_TOO_LARGE: '文件太大（{size}，上限 {limit}）：{file}',
  JX_BINARY: '不是文本文件（含有二进制内容）：{file}',
  JX_ENCODING: '无法识别文字编码（{reason}）：{file}',
  JX_UNSUPPORTED_FORMAT: '暂不支持 {format}，请先转换为文本：{file}',
  JX_READ_FAILED: '读取文件失败（{reason}）：{file}',
  JX_CONFIG: '配置有误：{detail}',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

type Placeholders<S extends string> = S extends `${string}{${infer Key}}${infer Rest}`
  ? Key | Placeholders<Rest>
  : never;

/** The values a code's template needs; the compiler rejects a missing one. */
export type ErrorParams<C extends ErrorCode> = {
  [Key in Placeholders<(typeof ERROR_MESSAGES)[C]>]: string | number;
};

export class JixiaoError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'JixiaoError';
  readonly code: C;
  readonly params: ErrorParams<C>;

  constructor(code: C, params: ErrorParams<C>, options?: ErrorOptions) {
    super(formatErrorMessage(ERROR_MESSAGES[code], params), options);
    this.code = code;
    this.params = params;
  }
}

export function isJixiaoError(error: unknown): error is JixiaoError {
  return error instanceof JixiaoError;
}

function formatErrorMessage(template: string, params: Record<string, string | number>): string {
  // Line breaks in a value (a strange file name) would break the one-line contract.
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]).replace(/[\r\n]+/g, ' ') : whole,
  );
}
