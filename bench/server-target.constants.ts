/** Shared by bench/server.bench.ts and bench/server-target.ts (importing the latter would start a server). */
export const BENCH_USER = { username: 'bench-admin', password: 'bench password 1' };

/** The endpoints under load, by short name; the bare app mirrors each at `/bare/<name>`. */
export function apiPaths(reportId: string): Record<'read' | 'list' | 'findings', string> {
  return {
    read: `/api/reports/${reportId}`,
    list: '/api/reports',
    findings: `/api/reports/${reportId}/findings`,
  };
}
