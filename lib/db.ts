// The Prisma client factory: embedded PGlite under DATA_DIR when DATABASE_URL is unset,
// node-postgres otherwise. One instance per process, kept on globalThis because server.ts
// and Next's route bundles are separate module graphs (and one PGlite directory must
// never be opened twice).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/prisma/client";

export type { Prisma } from "./generated/prisma/client";

/** Secrets are never part of a query result unless selected explicitly. */
const omit = {
  user: { passwordHash: true, totpSecretEnc: true },
  recoveryCode: { codeHash: true },
  vps: { rootPasswordEnc: true, createFingerprint: true },
  apiToken: { tokenHash: true },
  webhook: { secretEnc: true, previousSecretEnc: true },
  consoleTicket: { ticketHash: true },
} as const;

function makeClient(adapter: SqlDriverAdapterFactory) {
  return new PrismaClient({ adapter, omit });
}
export type Db = ReturnType<typeof makeClient>;

/** Runs raw SQL on the same connection source as the client (migrations, catalog checks). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements in one go, no parameters. */
  exec(sql: string): Promise<void>;
}

/** A statement with a stable text, prepared once per connection under `name`. */
export interface PreparedStatement {
  name: string;
  text: string;
  values: unknown[];
}
type PreparedRunner = (q: PreparedStatement) => Promise<unknown[]>;
/** Runs a named prepared statement and returns its rows. */
export type RunPrepared = <T>(q: PreparedStatement) => Promise<T[]>;

/** A connection of a background worker's own (see Database.ownConnection). */
export interface OwnConnection {
  run: RunPrepared;
  close(): Promise<void>;
}

// The runner behind each open client: the hot paths (lib/vps/update-vps.ts) take a Db
// and find its connection source here.
const preparedRunners = new WeakMap<object, PreparedRunner>();

/**
 * Runs a hot statement so that PostgreSQL parses and plans it once per connection, not on
 * every request: a named prepared statement through pg (Prisma sends every raw query
 * unnamed). PGlite runs it as a plain parameterised query (in process, no round trip).
 * Outside a transaction only; inside one, run `text` with `tx.$queryRawUnsafe`.
 */
export function queryPrepared<T>(db: Db, q: PreparedStatement): Promise<T[]> {
  const runner = preparedRunners.get(db);
  if (runner) return runner(q) as Promise<T[]>;
  return db.$queryRawUnsafe<T[]>(q.text, ...q.values);
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: Db;
  sql: SqlRunner;
  /** The pg pool (postgres only): shared with the socket.io adapter and LISTEN. */
  pool?: Pool;
  /**
   * A connection of its own for a background worker whose statements must not queue
   * behind the requests' (the outbox relay): on PostgreSQL a pool of one connection, which
   * reconnects by itself after a server restart; on PGlite the one in-process database.
   * Closed by its owner, or with the database.
   */
  ownConnection(): OwnConnection;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pg = await import("pg");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const pool = new pg.default.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // A client that loses its server (restart) must not crash the process: idle ones report
    // through the pool, checked-out ones (LISTEN connections) through their own listener;
    // their owners notice the broken connection and reconnect.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const prisma = makeClient(new PrismaPg(pool));
    preparedRunners.set(prisma, (q) => pool.query(q).then((r) => r.rows));
    const own = new Set<Pool>();
    const connectionString = opts.databaseUrl;
    return {
      kind: "postgres",
      prisma,
      pool,
      ownConnection: () => {
        const one = new pg.default.Pool({ connectionString, max: 1 });
        one.on("error", () => {});
        own.add(one);
        let closed: Promise<void> | undefined;
        return {
          run: async <T>(q: PreparedStatement) => (await one.query(q)).rows as T[],
          close: () => {
            own.delete(one);
            return (closed ??= one.end());
          },
        };
      },
      sql: {
        query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
        exec: async (sql) => {
          await pool.query(sql);
        },
      },
      close: async () => {
        await Promise.all([...own].map((p) => p.end().catch(() => {})));
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = path.resolve(opts.dataDir ?? "./.data", "pglite");
  mkdirSync(dir, { recursive: true });
  const lite: PGlite = await PGlite.create(dir);
  const prisma = makeClient(new PrismaPGlite(lite));
  preparedRunners.set(prisma, async (q) => (await lite.query(q.text, q.values)).rows);
  return {
    kind: "pglite",
    prisma,
    ownConnection: () => ({
      run: async <T>(q: PreparedStatement) => (await lite.query(q.text, q.values)).rows as T[],
      close: async () => {},
    }),
    sql: {
      query: async (sql, params) => (await lite.query(sql, params as unknown[])).rows as never[],
      exec: async (sql) => {
        await lite.exec(sql);
      },
    },
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

const store = globalThis as unknown as { __ospabDb?: Promise<Database>; __ospabDbOpened?: Database };

/** The process-wide database, opened on first use from the environment. */
export function getDatabase(): Promise<Database> {
  if (!store.__ospabDb) {
    const opening = openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: process.env.DATA_DIR || "./.data",
    });
    store.__ospabDb = opening;
    void opening.then(
      (db) => {
        if (store.__ospabDb === opening) store.__ospabDbOpened = db;
      },
      () => {},
    );
  }
  return store.__ospabDb;
}

/** The process-wide database if it is open already (the request path's way to skip an await). */
export function openedDatabase(): Database | undefined {
  return store.__ospabDbOpened;
}

/** Installs an already opened database as the process-wide one (server start, tests). */
export function setDatabase(db: Database) {
  store.__ospabDb = Promise.resolve(db);
  store.__ospabDbOpened = db;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).prisma;
}
