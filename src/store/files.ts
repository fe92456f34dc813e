/** Uploaded source files, stored once per content (sha256). */
import { createHash } from 'node:crypto';
import { countRows, type Db, newId, now } from './common.ts';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The id of the file with these bytes: the existing row when the same content was uploaded before. */
export async function putSourceFile(db: Db, bytes: Uint8Array, format: string): Promise<string> {
  const hash = sha256(bytes);
  await db
    .insertInto('source_files')
    .values({ id: newId(), sha256: hash, size: bytes.length, format, bytes, created_at: now() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const row = await db
    .selectFrom('source_files')
    .select('id')
    .where('sha256', '=', hash)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getSourceFile(
  db: Db,
  id: string,
): Promise<{ sha256: string; format: string; bytes: Uint8Array } | undefined> {
  return db
    .selectFrom('source_files')
    .select(['sha256', 'format', 'bytes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function countSourceFiles(db: Db): Promise<number> {
  return countRows(db, 'source_files');
}
