/**
 * Every SQLite/PostgreSQL difference lives here: connecting, column types, JSON columns,
 * reading int8 money back, unique-violation detection, case-insensitive substring matching.
 * The rest of the store writes one Kysely query for both.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import pg from 'pg';
import { fen } from '#domain/index.ts';
import type { Fen } from '#domain/index.ts';
import type { Database, DbBigint } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

import { DEFAULT_SQLITE_PATH } from './defaults.ts';

export { DEFAULT_SQLITE_PATH };

export interface ConnectOptions {
  /** `postgres://…`: PostgreSQL. Absent: SQLite at `sqlitePath`. */
  readonly databaseUrl?: string;
  readonly sqlitePath?: string;
  /** PostgreSQL schema to work in (created when missing); tests use a fresh one per run. */
  readonly pgSchema?: string;
  readonly poolSize?: number;
}

export interface Connection {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** A short description for log lines (`SQLite ./data/yusuan.sqlite`, `PostgreSQL 127.0.0.1:5432/test`). */
  readonly description: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync never returns for some impossible
 * paths (e.g. under /proc), where this throws the first level's error instead.
 */
const ensureDirectory = (dir: string): void => {
  const absolute = resolve(dir);
  if (existsSync(absolute)) return;
  ensureDirectory(dirname(absolute));
  try {
    mkdirSync(absolute);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
};

export const connect = (options: ConnectOptions = {}): Connection => {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const { databaseUrl, pgSchema } = options;
    if (pgSchema !== undefined && !SCHEMA_NAME.test(pgSchema)) throw new Error(`invalid schema name ${pgSchema}`);
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.poolSize ?? 10,
      // The schema first, then public (where pg_trgm usually lives).
      ...(pgSchema !== undefined ? { options: `-c search_path=${pgSchema},public` } : {}),
    });
    const url = new URL(databaseUrl);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      description: `PostgreSQL ${url.host}${url.pathname}${pgSchema !== undefined ? ` (schema ${pgSchema})` : ''}`,
    };
  }
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') ensureDirectory(dirname(path));
  const database = new BetterSqlite3(path);
  // WAL lets the server read while a CLI import writes; busy_timeout waits for the other writer.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    dialect: 'sqlite',
    description: `SQLite ${path}`,
  };
};

/** Create the PostgreSQL schema named in the options (idempotent). */
export const ensurePgSchema = async (db: Kysely<Database>, schema: string): Promise<void> => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
};

// ---------------------------------------------------------------------------------------------
// Column types for migrations

/**
 * JSON is `json` on PostgreSQL, not `jsonb`: the store never queries inside it, and `json` keeps
 * the text as written, so reading a 200 KB model back skips jsonb's re-serialisation (measured
 * about 1.6× faster) and writing skips its conversion.
 */
export const columnTypes = (dialect: DialectName) =>
  dialect === 'postgres'
    ? ({ money: 'bigint', json: 'json', text: 'text', bytes: 'bytea' } as const)
    : ({ money: 'integer', json: 'text', text: 'text', bytes: 'blob' } as const);

// ---------------------------------------------------------------------------------------------
// Reading values back

/**
 * A money column → Fen. PostgreSQL returns int8 as a decimal string: parse it as an integer
 * and refuse anything outside the safe range rather than lose 分 to floating point.
 */
export const readFen = (v: DbBigint | null | undefined): Fen | undefined => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return fen(v);
  if (typeof v === 'bigint') return fen(v);
  if (!/^-?\d+$/.test(v)) throw new Error(`money column holds a non-integer: ${v}`);
  return fen(BigInt(v));
};

/** A count (`count(*)` is int8 on PostgreSQL) → number. */
export const readCount = (v: DbBigint | null | undefined): number => {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'number' ? v : Number(BigInt(v));
  if (!Number.isSafeInteger(n)) throw new Error(`count out of range: ${String(v)}`);
  return n;
};

/** JSON columns: json comes back parsed (PostgreSQL), text does not (SQLite). */
export const readJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** JSON is written as text on both dialects; PostgreSQL casts the parameter to json. */
export const writeJson = (v: unknown): string => JSON.stringify(v);

// ---------------------------------------------------------------------------------------------
// Errors

interface DriverError {
  readonly code?: unknown;
}

/** A unique-constraint violation: the row another writer just stored. */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = (e as DriverError | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** Transient conflicts worth retrying the whole transaction for. */
export const isTransientConflict = (e: unknown): boolean => {
  const code = (e as DriverError | null)?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
};

// ---------------------------------------------------------------------------------------------
// Text matching

/** Escape LIKE wildcards so a user's `%` or `_` matches itself. */
export const escapeLike = (q: string): string => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Search text is stored folded (NFKC, lower case) and queries are folded the same way, so a
 * plain LIKE is case- and width-insensitive on both dialects. On PostgreSQL this is also what
 * makes it fast: ILIKE lower-cases every candidate row of UTF-8 text on each query (about 4×
 * slower than LIKE in our measurements), while pg_trgm's GIN index serves LIKE just as well.
 */
export const foldForSearch = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Substring match of a folded query against a folded column; `%` and `_` typed by a user match themselves. */
export const containsText = (column: Expression<string> | RawBuilder<string>, foldedQuery: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${column} like ${`%${escapeLike(foldedQuery)}%`} escape '\\'`;

/** An FTS5 phrase query: the text in double quotes, inner quotes doubled. */
export const ftsPhrase = (q: string): string => `"${q.replace(/"/g, '""')}"`;

/**
 * The trigram tokenizer indexes 3-character windows, so FTS answers substring queries of at
 * least 3 characters; shorter ones fall back to LIKE.
 */
export const FTS_MIN_QUERY_LENGTH = 3;
