/** Reviewer and unit comments on a report version, optionally anchored to a text span [start, end). */
import { type Db, newId, now } from './common.ts';
import type { Page } from './reports.ts';
import type { Comment } from './schema.ts';

export async function addComment(
  db: Db,
  input: {
    reportId: string;
    versionId: string;
    authorId: string;
    body: string;
    start?: number;
    end?: number;
  },
): Promise<Comment> {
  const comment: Comment = {
    id: newId(),
    report_id: input.reportId,
    version_id: input.versionId,
    author_id: input.authorId,
    body: input.body,
    span_start: input.start ?? null,
    span_end: input.end ?? null,
    created_at: now(),
  };
  await db.insertInto('comments').values(comment).execute();
  return comment;
}

export async function listComments(db: Db, reportId: string): Promise<(Comment & { author: string })[]> {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select('users.username as author')
    .where('comments.report_id', '=', reportId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** A page of a report's comments, oldest first; `page` is 1-based. */
export async function listCommentsPage(
  db: Db,
  reportId: string,
  page: number,
  pageSize: number,
): Promise<Page<Comment & { author: string }>> {
  const base = db.selectFrom('comments').where('comments.report_id', '=', reportId);
  const [items, count] = await Promise.all([
    base
      .innerJoin('users', 'users.id', 'comments.author_id')
      .selectAll('comments')
      .select('users.username as author')
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), page, pageSize };
}
