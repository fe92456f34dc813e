/**
 * The API's expected failures: one code table mapping each code to an HTTP status and a Chinese message.
 * Handlers throw `apiError(code, params)`; the error plugin turns it into `{ error }`. Anything else that
 * escapes becomes a 500 with a generic message (and a log line), never a stack trace.
 */
export const API_ERRORS = {
  JX_BAD_REQUEST: [400, '请求参数有误：{detail}'],
  JX_BAD_JSON: [400, '请求体不是有效的 JSON'],
  JX_UNAUTHENTICATED: [401, '请先登录'],
  JX_LOGIN_FAILED: [401, '用户名或密码错误'],
  JX_LOCKED: [423, '登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试'],
  JX_CSRF: [403, '缺少或无效的 CSRF 令牌（请求头 x-csrf-token）'],
  JX_FORBIDDEN: [403, '无权执行此操作'],
  JX_OTHER_UNIT: [403, '无权访问其他单位的数据'],
  JX_TRANSITION: [403, '报告当前状态为“{state}”，不能{action}'],
  JX_NOT_FOUND: [404, '未找到{what}'],
  JX_ROUTE_NOT_FOUND: [404, '没有这个接口：{method} {url}'],
  JX_CONFLICT: [409, '{detail}'],
  JX_STALE: [409, '报告已被他人修改（当前版本 {current}，请求中的版本 {given}），请刷新后重试'],
  JX_BAD_URL: [400, '请求路径无效'],
  JX_URL_TOO_LONG: [414, '请求路径过长'],
  JX_TOO_LARGE: [413, '上传的文件太大（上限 {limit}）'],
  JX_UNSUPPORTED_MEDIA: [415, '不支持的请求格式：{type}'],
  JX_UNPROCESSABLE: [422, '{detail}'],
  JX_RATE_LIMITED: [429, '请求过于频繁，请稍后再试'],
  JX_INTERNAL: [500, '服务器内部错误，请稍后再试或联系管理员'],
} as const satisfies Record<string, readonly [number, string]>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  constructor(
    readonly code: ApiErrorCode,
    params: Record<string, string | number> = {},
  ) {
    const [status, template] = API_ERRORS[code];
    super(
      template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole)),
    );
    this.statusCode = status;
  }
}

export function apiError(code: ApiErrorCode, params: Record<string, string | number> = {}): ApiError {
  return new ApiError(code, params);
}
