// Where usage batches go: raw SQL on the database DATABASE_URL names (see the two writers for why
// not Prisma). One writer per process and URL, on globalThis so every copy of this module in the
// process (the fast path's and the Next.js bundle's) shares its connection.
import { env } from "../env";
import type { UsageEvent } from "./usage-event";

export interface UsageWriter {
  /** Stores the records not stored yet (idempotent by request id) with their rollups, atomically. Returns how many were new. */
  write(events: readonly UsageEvent[]): Promise<number>;
  close(): Promise<void>;
}

const globalForWriter = globalThis as unknown as { tollgateUsageWriter?: { url: string; writer: Promise<UsageWriter> } };

async function createWriter(url: string): Promise<UsageWriter> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { createPostgresUsageWriter } = await import("./postgres-usage-writer");
    return createPostgresUsageWriter(url);
  }
  const { createSqliteUsageWriter } = await import("./sqlite-usage-writer");
  return createSqliteUsageWriter(url.replace(/^file:/, ""));
}

function usageWriter(): Promise<UsageWriter> {
  const url = env().DATABASE_URL;
  const current = globalForWriter.tollgateUsageWriter;
  if (current?.url === url) return current.writer;
  if (current) void current.writer.then((w) => w.close()).catch(() => {});
  const writer = createWriter(url);
  globalForWriter.tollgateUsageWriter = { url, writer };
  return writer;
}

export async function writeUsageBatch(events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return (await usageWriter()).write(events);
}

export async function closeUsageWriter(): Promise<void> {
  const current = globalForWriter.tollgateUsageWriter;
  globalForWriter.tollgateUsageWriter = undefined;
  if (current) await (await current.writer).close();
}
