// Driver adapters for the Prisma CLI (migrate deploy / diff / db push). Kept apart from lib/db.ts
// because the CLI needs one PostgreSQL workaround the app does not.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProviderOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** `file:./data/x.db` -> `./data/x.db` (relative to the working directory). */
export function sqlitePathOf(url: string): string {
  return url.replace(/^file:/, "");
}

// The schema engine reads catalog columns of type `name` (oid 19) and `"char"` (oid 18), which
// @prisma/adapter-pg cannot deserialize (prisma/orm#27403). Report them as `text` (oid 25).
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function patchResultTypes<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  }
  return result;
}

type QueryFn = (...args: unknown[]) => unknown;

function wrapQuery(target: { query: QueryFn }): void {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const callbackIndex = args.findIndex((a) => typeof a === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: unknown, res: unknown) => void;
      args[callbackIndex] = (err: unknown, res: unknown) => callback(err, err ? res : patchResultTypes(res));
      return original(...args);
    }
    const out = original(...args);
    return out instanceof Promise ? out.then(patchResultTypes) : out;
  };
}

function catalogSafePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  wrapQuery(pool as unknown as { query: QueryFn });
  pool.on("connect", (client) => wrapQuery(client as unknown as { query: QueryFn }));
  return pool;
}

export async function cliAdapterFor(url: string) {
  if (databaseProviderOf(url) === "postgresql") return new PrismaPg(catalogSafePool(url));
  return new PrismaBetterSQLite3({ url: sqlitePathOf(url) });
}
