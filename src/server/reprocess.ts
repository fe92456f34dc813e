/**
 * Re-review after an upgrade: every stored report version whose results were made by another jixiao or
 * rule-catalogue version is read again from its stored source file (ingest → extract → check → score, as
 * an upload is) and its results replaced. Reports keep their workflow state, optimistic version and audit
 * history; the job itself is audited under entity `reprocess`.
 *
 * Resumable: the job and each version's progress live in the database. A version's new results and its
 * `done` mark are written in one transaction, so a run killed at any point continues, on the next run,
 * with the versions it had not finished. One run at a time: a second one started meanwhile is told so and
 * does nothing (a lease in the `locks` table, which a killed run gives up when it runs out).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { appendAudit } from '../store/audit.ts';
import type { Store } from '../store/connect.ts';
import { getSourceFile } from '../store/files.ts';
import { acquireLock, getLock, releaseLock, renewLock, takeOverLock } from '../store/locks.ts';
import {
  countItems,
  createJob,
  endJob,
  findRunningJob,
  findStaleVersions,
  markItem,
  type PendingItem,
  pendingItems,
  type ResultsTarget,
  replaceResults,
} from '../store/reprocess.ts';
import { type Analysis, analyse, CATALOGUE_VERSION, JIXIAO_VERSION } from './pipeline.ts';

export const CURRENT_TARGET: ResultsTarget = {
  jixiaoVersion: JIXIAO_VERSION,
  catalogueVersion: CATALOGUE_VERSION,
};

export interface ItemOutcome {
  item: PendingItem;
  ok: boolean;
  /** Why the version could not be read again (its old results are kept). */
  error?: string;
  /** Versions of this job finished so far (done or failed), and its size. */
  finished: number;
  total: number;
}

export interface ReprocessOptions {
  /** Stop after the version in progress (the job stays resumable). */
  signal?: AbortSignal;
  onStart?(job: { id: string; total: number; finished: number; resumed: boolean }): void;
  onItem?(outcome: ItemOutcome): void;
  /** The pipeline; tests substitute one. */
  analyse?: (bytes: Uint8Array, fileName: string) => Promise<Analysis>;
  target?: ResultsTarget;
}

export type ReprocessSummary =
  | { status: 'up-to-date' }
  /** Another run holds the lock (until `until`, unless it renews it). */
  | { status: 'busy'; until: string }
  | {
      status: 'done' | 'interrupted';
      jobId: string;
      resumed: boolean;
      total: number;
      done: number;
      failed: number;
      pending: number;
    };

const BATCH = 20;
const LOCK = 'reprocess';
/** A run renews its lease after every version; one killed mid-run frees the lock after this long. */
const LEASE_MS = 120_000;

/** Runs the job while holding the `reprocess` lease: two runs at once would redo the same versions. */
export async function reprocess(store: Store, options: ReprocessOptions = {}): Promise<ReprocessSummary> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await acquireLock(store.db, LOCK, owner, LEASE_MS))) {
    const held = await getLock(store.db, LOCK);
    // A run killed on this machine need not be waited for: its process is gone.
    const gone = held !== undefined && holderIsGone(held.owner);
    if (!gone || !(await takeOverLock(store.db, LOCK, held.owner, owner, LEASE_MS)))
      return { status: 'busy', until: held?.expires_at ?? '' };
  }
  const renew = () => renewLock(store.db, LOCK, owner, LEASE_MS);
  try {
    return await runJob(store, options, renew);
  } finally {
    await releaseLock(store.db, LOCK, owner);
  }
}

/** True when the owner ran on this host under a process id that no longer exists. */
function holderIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function runJob(
  store: Store,
  options: ReprocessOptions,
  renew: () => Promise<boolean>,
): Promise<ReprocessSummary> {
  const db = store.db;
  const target = options.target ?? CURRENT_TARGET;
  const run = options.analyse ?? analyse;

  let job = await findRunningJob(db);
  if (
    job &&
    (job.jixiao_version !== target.jixiaoVersion || job.catalogue_version !== target.catalogueVersion)
  ) {
    // Stopped under an older jixiao: what it still has to do is found again below, for this version.
    const old = job;
    await db.transaction().execute(async (trx) => {
      await endJob(trx, old.id, 'superseded');
      await appendAudit(trx, {
        actorId: null,
        action: 'reprocess.supersede',
        entity: 'reprocess',
        entityId: old.id,
        after: { by: target },
      });
    });
    job = undefined;
  }
  const resumed = job !== undefined;
  if (!job) {
    const stale = await findStaleVersions(db, target);
    if (stale.length === 0) return { status: 'up-to-date' };
    job = await db.transaction().execute(async (trx) => {
      const created = await createJob(trx, target, stale);
      await appendAudit(trx, {
        actorId: null,
        action: 'reprocess.start',
        entity: 'reprocess',
        entityId: created.id,
        after: { ...target, total: created.total },
      });
      return created;
    });
  }
  const jobId = job.id;
  const counts = await countItems(db, jobId);
  let finished = counts.done + counts.failed;
  options.onStart?.({ id: jobId, total: job.total, finished, resumed });

  outer: for (;;) {
    const batch = await pendingItems(db, jobId, BATCH);
    if (batch.length === 0) break;
    for (const item of batch) {
      if (options.signal?.aborted) break outer;
      const outcome = await reprocessOne(store, jobId, item, run);
      finished++;
      options.onItem?.({ item, ...outcome, finished, total: job.total });
      // Lost the lease (this run stalled past it and another took over): stop, that run goes on.
      if (!(await renew())) break outer;
    }
  }

  const final = await countItems(db, jobId);
  const summary = {
    jobId,
    resumed,
    total: job.total,
    done: final.done,
    failed: final.failed,
    pending: final.pending,
  };
  if (final.pending > 0) return { status: 'interrupted', ...summary };
  await db.transaction().execute(async (trx) => {
    await endJob(trx, jobId, 'done');
    await appendAudit(trx, {
      actorId: null,
      action: 'reprocess.finish',
      entity: 'reprocess',
      entityId: jobId,
      after: { ...target, total: job.total, done: final.done, failed: final.failed },
    });
  });
  return { status: 'done', ...summary };
}

async function reprocessOne(
  store: Store,
  jobId: string,
  item: PendingItem,
  run: (bytes: Uint8Array, fileName: string) => Promise<Analysis>,
): Promise<{ ok: boolean; error?: string }> {
  let analysis: Analysis;
  try {
    const file = await getSourceFile(store.db, item.sourceFileId);
    if (!file) throw new Error('源文件缺失');
    analysis = await run(file.bytes, item.fileName);
  } catch (error) {
    // The file no longer reads under this jixiao: keep its old results, record why, go on.
    const message = error instanceof Error ? error.message : String(error);
    await store.db.transaction().execute((trx) => markItem(trx, jobId, item.versionId, 'failed', message));
    return { ok: false, error: message };
  }
  await store.db.transaction().execute(async (trx) => {
    await replaceResults(trx, item.versionId, analysis.results);
    await markItem(trx, jobId, item.versionId, 'done');
  });
  return { ok: true };
}
