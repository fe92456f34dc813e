/** Reviewer and unit comments on a report version, optionally anchored to a text span [start, end). */
import { type Db, fetchPage, newId, now, type Page } from './common.ts';
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

/** A page of a report's comments, oldest first; `page` is 1-based. */
export async function listCommentsPage(
  db: Db,
  reportId: string,
  page: number,
  pageSize: number,
): Promise<Page<Comment & { author: string }>> {
  const base = db.selectFrom('comments').where('comments.report_id', '=', reportId);
  return fetchPage(
    page,
    pageSize,
    (limit, offset) =>
      base
        .innerJoin('users', 'users.id', 'comments.author_id')
        .selectAll('comments')
        .select('users.username as author')
        .orderBy('comments.created_at')
        .orderBy('comments.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    () => base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}
