// Asks the database directly whether every checked-in migration is applied, so a restart of an
// up-to-date install skips the Prisma CLI (about two seconds) entirely.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function migrationNames(root, provider) {
  const dir = join(root, "prisma", "migrations", provider);
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^\d{14}_/.test(d)) : [];
}

async function appliedNames(root, url) {
  const sql = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
  if (url.startsWith("file:")) {
    const file = resolve(root, url.slice(5));
    if (!existsSync(file)) return [];
    const Database = require("better-sqlite3");
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'").get();
      return table ? sqlite.prepare(sql).all().map((r) => r.migration_name) : [];
    } finally {
      sqlite.close();
    }
  }
  const pg = require("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
    if (!exists.rows[0].t) return [];
    return (await client.query(sql)).rows.map((r) => r.migration_name);
  } finally {
    await client.end();
  }
}

export async function hasPendingMigrations(root, url) {
  const provider = url.startsWith("file:") ? "sqlite" : "postgresql";
  const applied = new Set(await appliedNames(root, url));
  return migrationNames(root, provider).some((name) => !applied.has(name));
}

/**
 * A SQLite file that does not exist yet is created with auto_vacuum = INCREMENTAL, which must be set
 * before its first table: pages freed by the usage retention can then be handed back to the file
 * system (lib/usage/retention/delete-batch.ts). An existing file keeps its mode (see
 * docs/usage-retention.md for converting one).
 */
export function createSqliteFile(root, url) {
  if (!url.startsWith("file:")) return false;
  const file = resolve(root, url.slice(5));
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true });
  const Database = require("better-sqlite3");
  const sqlite = new Database(file);
  try {
    sqlite.pragma("auto_vacuum = INCREMENTAL");
    sqlite.exec("VACUUM"); // writes the header with the mode into the new, empty file
  } finally {
    sqlite.close();
  }
  return true;
}

/** SQLite in WAL mode lets the usage writer and readers work at the same time. */
export function enableSqliteWal(root, url) {
  if (!url.startsWith("file:")) return;
  const Database = require("better-sqlite3");
  const sqlite = new Database(resolve(root, url.slice(5)));
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}
