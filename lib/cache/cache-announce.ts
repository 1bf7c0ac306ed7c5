// Telling every thread and replica that entries are gone (they drop them from their index and
// in-process tier). New entries are announced by the writer once they are in the database.
import { logger } from "../logger";
import { sharedStore } from "../store";
import { announcementText, CACHE_ENTRIES_CHANNEL, cacheRuntime, type CacheEntriesMessage } from "./cache-runtime";

export async function announce(message: { op: "deleted"; keys: string[] } | { op: "purged"; orgId: string; model?: string; teamId?: string }): Promise<void> {
  const runtime = cacheRuntime();
  const full = { ...message, from: runtime.instanceId } as CacheEntriesMessage;
  await sharedStore()
    .publish(CACHE_ENTRIES_CHANNEL, announcementText(runtime, full))
    .catch((error) => logger().warn({ err: error }, "could not announce a cache change; other replicas drop the entries when they expire"));
}
