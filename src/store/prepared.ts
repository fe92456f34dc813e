/**
 * Queries built and compiled once per dialect, then run with new arguments. Kysely otherwise rebuilds and
 * recompiles the query tree on every call, which on the server's hot read paths (session, report, version,
 * list) costs more than SQLite takes to run the query. The SQL stays Kysely's: typed and explicit.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './common.ts';

export interface PreparedQuery<A extends unknown[], R> {
  all(db: Db, ...args: A): Promise<R[]>;
  first(db: Db, ...args: A): Promise<R | undefined>;
}

/** Stands in for argument `i` while compiling; must survive as a bound parameter, never as SQL text. */
const sentinel = (i: number) => `\u0000jixiao-argument-${i}\u0000`;

interface Template {
  compiled: CompiledQuery;
  /** For each bound parameter, the argument it takes, or -1 for a constant of the query itself. */
  slots: number[];
}

/**
 * `build` receives stand-ins for its arguments, so it must pass them to Kysely as values and never branch
 * on them (a branch belongs in the caller: one prepared query per shape). `arity` is needed only when `build`
 * takes a rest parameter.
 */
export function prepared<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
  arity: number = build.length - 1,
): PreparedQuery<A, R> {
  // Per dialect: SQLite and PostgreSQL compile to different SQL (`?` against `$1`).
  const templates = new WeakMap<object, Template>();
  const templateFor = (db: Db): Template => {
    const dialect = db.getExecutor().adapter.constructor;
    let template = templates.get(dialect);
    if (!template) {
      template = compileTemplate(db, build, arity);
      templates.set(dialect, template);
    }
    return template;
  };
  const run = async (db: Db, args: A) => {
    const { compiled, slots } = templateFor(db);
    const parameters = slots.map((slot, i) => (slot < 0 ? compiled.parameters[i] : args[slot]));
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
  return {
    all: (db, ...args) => run(db, args),
    first: async (db, ...args) => (await run(db, args))[0],
  };
}

function compileTemplate<A extends unknown[], R>(
  db: Db,
  build: (db: Db, ...args: A) => Compilable<R>,
  arity: number,
): Template {
  const stand = Array.from({ length: arity }, (_, i) => sentinel(i)) as A;
  const compiled = build(db, ...stand).compile();
  const slots = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith('\u0000jixiao-argument-')) return -1;
    return Number(value.slice('\u0000jixiao-argument-'.length, -1));
  });
  for (let i = 0; i < arity; i++) {
    if (!slots.includes(i)) throw new Error(`prepared query: argument ${i} is not a bound parameter`);
  }
  if (compiled.sql.includes('jixiao-argument-'))
    throw new Error('prepared query: an argument ended up in the SQL text');
  return { compiled, slots };
}
