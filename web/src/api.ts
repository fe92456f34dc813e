/**
 * The API client: JSON in and out, the session cookie sent by the browser, the CSRF token on every write.
 * Every failure becomes an Error carrying the server's Chinese message (never a stack or raw response).
 */

import { dropPrefetched, takePrefetched } from './preload.ts';

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    if (typeof body.error === 'string') return body.error;
  } catch {}
  return `请求失败（HTTP ${response.status}）`;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method !== 'GET') dropPrefetched();
  let response: Response;
  try {
    response = await ((method === 'GET' ? takePrefetched(path) : undefined) ??
      fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }));
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Upload with progress (fetch has no upload progress): resolves with the server's reply. */
export function uploadReport(
  fields: { unitId: string; year: string },
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ reportId: string; version: number }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('unitId', fields.unitId);
    form.append('year', fields.year);
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/reports/upload');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: { error?: string; reportId?: string; version?: number } = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {}
      if (request.status === 201 && body.reportId) resolve(body as { reportId: string; version: number });
      else reject(new ApiError(request.status, body.error ?? `上传失败（HTTP ${request.status}）`));
    };
    request.onerror = () => reject(new ApiError(0, '无法连接服务器，请检查网络后重试'));
    request.send(form);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The shapes the pages read (see src/server/schemas.ts)

export type Role = 'unit_editor' | 'unit_approver' | 'reviewer' | 'admin';
export type State = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

export interface User {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
}

export interface Unit {
  id: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ReportRow {
  id: string;
  unitId: string;
  unitName?: string;
  year: number;
  state: State;
  stateName: string;
  version: number;
  currentVersion: number;
  updatedAt: string;
}

export interface VersionRow {
  number: number;
  fileName: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ReportDetail extends ReportRow {
  versions: VersionRow[];
}

export interface Span {
  start: number;
  end: number;
  text: string;
  page?: number;
}

export interface Finding {
  rule: string;
  messageId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  spans: Span[];
}

export interface Review {
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
}

export interface Decision {
  rule: string;
  quote: string;
  decision: 'confirmed' | 'dismissed';
  reason: string | null;
  actor: string;
  decidedAt: string;
}

export interface Comment {
  id: string;
  author: string;
  body: string;
  start: number | null;
  end: number | null;
  createdAt: string;
}

export interface ScoredIndicator {
  id: string;
  name: string;
  level: number;
  weight: number;
  points: number | null;
  explanation: string;
  missing: string[];
  path: string[];
  steps: string[];
  rule: string;
  manual: boolean;
}

export interface ScoreDoc {
  total: number;
  grade: string | null;
  frameworkName: string;
  maxTotal: number;
  scoredWeight: number;
  unscoredWeight: number;
  unscoredCount: number;
  gradeFinal: boolean;
  gradeNote?: string;
  indicators: ScoredIndicator[];
}

export { quoteOf } from '../../src/review/quote.ts';

export const ROLE_NAMES: Record<Role, string> = {
  unit_editor: '单位填报人',
  unit_approver: '单位审核人',
  reviewer: '财政审核人',
  admin: '管理员',
};

export const STATE_COLORS: Record<State, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  published: 'purple',
};
