// Where usage batches go: raw SQL on the database DATABASE_URL names (see the two writers for why
// not Prisma). One writer per process and URL, on globalThis so every copy of this module in the
// process (the fast path's and the Next.js bundle's) shares its connection.
import { env } from "../env";
import { createPostgresUsageWriter } from "./postgres-usage-writer";
import { createSqliteUsageWriter } from "./sqlite-usage-writer";
import type { UsageEvent } from "./usage-event";
import type { UsageWriter } from "./usage-writer";


const globalForWriter = globalThis as unknown as { tollgateUsageWriter?: { url: string; writer: UsageWriter } };

function usageWriter(): UsageWriter {
  const url = env().DATABASE_URL;
  const current = globalForWriter.tollgateUsageWriter;
  if (current?.url === url) return current.writer;
  if (current) void current.writer.close().catch(() => {});
  const writer = /^postgres(ql)?:\/\//.test(url) ? createPostgresUsageWriter(url) : createSqliteUsageWriter(url.replace(/^file:/, ""));
  globalForWriter.tollgateUsageWriter = { url, writer };
  return writer;
}

export async function writeUsageBatch(events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return usageWriter().write(events);
}

export async function closeUsageWriter(): Promise<void> {
  const current = globalForWriter.tollgateUsageWriter;
  globalForWriter.tollgateUsageWriter = undefined;
  await current?.writer.close();
}
