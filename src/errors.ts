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
  JX_UNSUPPORTED_FORMAT: '暂不支持 {format}，{advice}：{file}',
  JX_ENCRYPTED: '{format}有密码保护（已加密），请先去掉密码再检查：{file}',
  JX_CORRUPT: '{format}已损坏，无法读取（{reason}）：{file}',
  JX_NEEDS_OCR: '该 PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）：{file}',
  JX_TIMEOUT: '读取超时（超过 {seconds} 秒仍未读完，文件可能过于复杂或已损坏）：{file}',
  JX_READ_FAILED: '读取文件失败（{reason}）：{file}',
  JX_CONFIG: '配置有误：{detail}',
  JX_JSON: '不是有效的 JSON（{reason}）：{file}',
  JX_MODEL_INVALID: '模型数据有误（共 {count} 处）：{detail}：{file}',
  JX_UNKNOWN_FRAMEWORK: '没有评分框架“{id}”，可选：{choices}',
  JX_FRAMEWORK_PARTIAL: '评分框架“{id}”不完整（{reason}），仅供参考，不能用于评分',
  JX_MANUAL: '人工评分有误：{detail}',
  JX_SCORE_INPUT: '评价输入有误：{detail}',
  JX_ZIP_BOMB: '{format}解压后的内容过大（{detail}），疑似压缩炸弹，已拒绝读取：{file}',
  JX_SOFFICE_MISSING: '生成 PDF 需要 LibreOffice 和中文字体，本机未找到 {missing}；请安装：{command}',
  JX_PDF_FAILED: 'LibreOffice 转换 PDF 失败（{reason}）：{file}',
  JX_WRITE_FAILED: '无法写出文件（{reason}）：{file}',
  JX_DATABASE: '无法打开数据库（{reason}）：{location}',
  JX_USER_EXISTS: '用户名已存在：{user}',
  JX_PASSWORD: '密码不符合要求：{detail}',
  JX_NO_DATABASE: '找不到数据库文件（请检查 --data 目录）：{file}',
  JX_BACKUP_EXISTS: '备份文件已存在，不会覆盖：{file}',
  JX_BACKUP_FAILED: '备份失败（{reason}）：{file}',
  JX_BACKUP_POSTGRES:
    '使用 PostgreSQL（已设置 DATABASE_URL）时 jixiao backup 不做备份，请用 PostgreSQL 自带的 pg_dump 在线备份：{command}（恢复：{restore}）',
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
