/** Test support: a real server on an ephemeral port over a fresh store, and an HTTP client with a cookie jar. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/connect.ts';
import type { Role } from '../store/schema.ts';
import { createUser } from '../store/users.ts';
import { buildApp } from './app.ts';
import { hashPassword } from './passwords.ts';
import type { Settings } from './types.ts';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(store: Store, settings: Partial<Settings> = {}): Promise<TestServer> {
  const app = await buildApp({
    store,
    settings: { login: { max: 10_000, timeWindowMs: 60_000 }, ...settings },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function addUser(
  store: Store,
  username: string,
  password: string,
  role: Role,
  unitId: string | null = null,
) {
  return createUser(store.db, { username, passwordHash: await hashPassword(password), role, unitId });
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.json('POST', '/api/session', { username, password });
    if (reply.status === 200) this.csrf = (reply.body as { csrfToken: string }).csrfToken;
    return reply;
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies loosely
  async json<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...this.headers(), ...headers } };
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return this.send<T>(path, init);
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies loosely
  async upload<T = any>(
    fields: Record<string, string>,
    file?: { bytes: Uint8Array; name: string },
  ): Promise<Reply<T>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file) form.append('file', new Blob([file.bytes]), file.name);
    return this.send<T>('/api/reports/upload', { method: 'POST', headers: this.headers(), body: form });
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    return headers;
  }

  private async send<T>(path: string, init: RequestInit): Promise<Reply<T>> {
    const response = await fetch(this.base + path, init);
    const set = response.headers.getSetCookie();
    for (const line of set) {
      const pair = line.split(';')[0]!;
      if (pair.startsWith('jixiao_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {}
    return { status: response.status, body: body as T, headers: response.headers };
  }
}
