/**
 * The first load, started before React and antd have even arrived: the session, then the page's own chunks
 * and the GETs the page will make on mounting. Left to the app, these form a chain — antd evaluated, then
 * GET /api/session, then the page chunk, then its data, then the report's tab and its data — each step
 * waiting for the one before; started here they overlap with the download and evaluation of antd.
 *
 * The paths below are the ones the pages ask for when they mount (api.ts hands a prefetched reply out once).
 * A path that drifts from its page costs one unused request, never a wrong answer.
 */
import type { User } from './api.ts';
import {
  fillTab,
  overviewPage,
  type PageLoader,
  reportPage,
  reportsPage,
  reviewTab,
  scoreTab,
  versionsTab,
} from './pages.ts';
import { matchReport } from './routes.ts';

export interface SessionState {
  csrfToken: string | null;
  user: User | null;
}

export interface FirstLoad {
  session: Promise<SessionState>;
  /** Settles when the page's chunks have arrived (or failed: the page then loads them itself). */
  code: Promise<unknown>;
}

const prefetched = new Map<string, Promise<Response>>();

/** A GET the preload already started for `path`, handed out once. */
export function takePrefetched(path: string): Promise<Response> | undefined {
  const response = prefetched.get(path);
  prefetched.delete(path);
  return response;
}

/** After a navigation or a write, what was fetched ahead may be stale: ask the server again. */
export function dropPrefetched(): void {
  prefetched.clear();
}

export function isReviewer(user: User): boolean {
  return user.role === 'reviewer' || user.role === 'admin';
}

interface Plan {
  pages: PageLoader<never>[];
  data: string[];
}

const TABS: Record<string, { page: PageLoader<never>; data: (base: string) => string[] }> = {
  review: {
    page: reviewTab as PageLoader<never>,
    data: (base) => [
      `${base}/text`,
      `${base}/findings`,
      `${base}/decisions`,
      `${base}/comments?pageSize=100`,
    ],
  },
  fill: { page: fillTab as PageLoader<never>, data: (base) => [`${base}/model`, `${base}/scoresheet`] },
  score: { page: scoreTab as PageLoader<never>, data: (base) => [`${base}/scoresheet`] },
  versions: { page: versionsTab as PageLoader<never>, data: () => [] },
};

/** What the page at `path` will load for `user`: the same decisions App.tsx and Report.tsx make. */
export function planFor(path: string, user: User): Plan {
  if (path === '/' || path === '/login')
    return {
      pages: [reportsPage as PageLoader<never>],
      data: ['/api/units?pageSize=100', '/api/reports?pageSize=100'],
    };
  if (path === '/overview')
    return isReviewer(user)
      ? { pages: [overviewPage as PageLoader<never>], data: ['/api/overview'] }
      : { pages: [], data: [] };
  const report = matchReport(path);
  if (!report) return { pages: [], data: [] };
  const base = `/api/reports/${report.id}`;
  const tab = TABS[report.tab];
  return {
    pages: [reportPage as PageLoader<never>, ...(tab ? [tab.page] : [])],
    data: [base, ...(tab ? tab.data(base) : [])],
  };
}

const LOGGED_OUT: SessionState = { csrfToken: null, user: null };

async function fetchSession(): Promise<SessionState> {
  try {
    const response = await fetch('/api/session', { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as SessionState) : LOGGED_OUT;
  } catch {
    return LOGGED_OUT; // no server: the login page says so when it is used
  }
}

export function startFirstLoad(path: string): FirstLoad {
  const session = fetchSession();
  const code = session.then(({ user }) => {
    if (!user) return undefined;
    const plan = planFor(path, user);
    for (const url of plan.data) {
      const response = fetch(url, { credentials: 'same-origin' });
      response.catch(() => undefined); // a failure is the page's to report, when it takes the reply
      prefetched.set(url, response);
    }
    return Promise.all(plan.pages.map((page) => page.load())).catch(() => undefined);
  });
  return { session, code };
}
