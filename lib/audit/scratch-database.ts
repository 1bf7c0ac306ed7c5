// A database of its own for the tests of the migration to the keyed chain: created empty on the
// same server as DATABASE_URL (or as a SQLite file next to it), migrated by the project's own
// migration files up to a given one, so a test can put an old log in place, apply the rest, and
// watch start-up seal it. Test support only.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Db } from "../db";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgresql";
import { uniqueSuffix } from "../../test/support/test-ids";

export interface ScratchDatabase {
  client: Db;
  /** Applies the project's migrations in order: those before `name`, or `name` and those after. */
  migrate(part: { before: string } | { from: string }): Promise<void>;
  drop(): Promise<void>;
}

const root = path.resolve(__dirname, "../..");

function migrations(provider: "sqlite" | "postgresql", part: { before: string } | { from: string }): string[] {
  const dir = path.join(root, "prisma", "migrations", provider);
  const names = readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort();
  const index = names.findIndex((d) => d.endsWith(`_${"before" in part ? part.before : part.from}`));
  if (index < 0) throw new Error(`no migration named ${JSON.stringify(part)}`);
  const chosen = "before" in part ? names.slice(0, index) : names.slice(index);
  return chosen.map((d) => readFileSync(path.join(dir, d, "migration.sql"), "utf8"));
}

export async function createScratchDatabase(databaseUrl: string): Promise<ScratchDatabase> {
  const name = `tollgate_scratch_${uniqueSuffix().replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const server = new URL(databaseUrl);
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    server.pathname = `/${name}`;
    const url = server.toString();
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) }) as unknown as Db;
    return {
      client,
      async migrate(part) {
        const connection = new pg.Client({ connectionString: url });
        await connection.connect();
        for (const sql of migrations("postgresql", part)) await connection.query(sql);
        await connection.end();
      },
      async drop() {
        await client.$disconnect();
        const cleanup = new pg.Client({ connectionString: databaseUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const file = path.join(root, "data", "test", `${name}.db`);
  mkdirSync(path.dirname(file), { recursive: true });
  const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) }) as unknown as Db;
  return {
    client,
    async migrate(part) {
      const connection = new Database(file);
      for (const sql of migrations("sqlite", part)) connection.exec(sql);
      connection.close();
    },
    async drop() {
      await client.$disconnect();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}
