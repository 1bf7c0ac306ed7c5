// What the cache holds in memory on its way to the database (new entries, hit counts, shadow-mode
// records), written before the process exits (lib/boot/drain-and-close.ts). Never throws: a
// database that is gone costs cache entries, never the shutdown.
import { flushCacheWrites } from "./entry-writer";
import { hitTouches } from "./hit-touches";
import { shadowRecorder } from "./shadow-recorder";

export async function flushCacheState(): Promise<void> {
  await Promise.allSettled([flushCacheWrites(), hitTouches().flush(), shadowRecorder().flush()]);
}
