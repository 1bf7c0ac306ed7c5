// The only place that builds the Prisma client. DATABASE_URL picks the driver adapter:
// `file:` -> better-sqlite3, `postgresql://` -> pg. Secret columns are omitted by default so they
// cannot leak through an `include`; the few readers that need them opt in with `omit: { x: false }`.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/prisma-sqlite";
import { PrismaClient as PostgresClient } from "./generated/prisma-postgresql";
import { env } from "./env";

export const SECRET_COLUMNS = {
  user: { passwordHash: true },
  apiKey: { keyHash: true },
  provider: { encryptedApiKey: true },
} as const;

function buildClient(url: string) {
  const options = { omit: SECRET_COLUMNS } as const;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    // Both generated clients expose the same API for this schema; type them as one.
    return new PostgresClient({ adapter, ...options }) as unknown as SqliteClient<typeof options>;
  }
  const adapter = new PrismaBetterSQLite3({ url: url.replace(/^file:/, ""), timeout: 10_000 });
  return new SqliteClient({ adapter, ...options });
}

export type Db = ReturnType<typeof buildClient>;
/** A client or an interactive-transaction client: data functions accept either. */
export type DbClient = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { tollgateDb?: Db; tollgateDbUrl?: string };

export function db(): Db {
  const url = env().DATABASE_URL;
  if (!globalForDb.tollgateDb || globalForDb.tollgateDbUrl !== url) {
    globalForDb.tollgateDb = buildClient(url);
    globalForDb.tollgateDbUrl = url;
  }
  return globalForDb.tollgateDb;
}

export function isPostgres(): boolean {
  return /^postgres(ql)?:\/\//.test(env().DATABASE_URL);
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.tollgateDb;
  globalForDb.tollgateDb = undefined;
  await client?.$disconnect();
}
