/** Shared by bench/server.bench.ts and bench/server-target.ts (importing the latter would start a server). */
export const BENCH_USER = { username: 'bench-admin', password: 'bench password 1' };
