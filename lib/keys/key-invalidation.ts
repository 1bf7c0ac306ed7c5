// Tells every gateway replica to forget cached keys. The gateway subscribes to exactly this channel
// and expects one key id per message; never change either without changing lib/gateway.
import { logger } from "../logger";
import { sharedStore } from "../store";

export const KEY_INVALIDATED_CHANNEL = "key-invalidated";

export async function publishKeyInvalidation(keyIds: readonly string[]): Promise<void> {
  if (keyIds.length === 0) return;
  const store = sharedStore();
  // The database write already happened, so a failed broadcast is logged, not turned into a failed
  // admin request. The store publishes it again once it can reach Redis; meanwhile replicas that
  // lost Redis too re-read cached keys every second (lib/gateway/key-cache.ts), and those that did
  // not hear of it when this process's connection is back, at the latest after their cache TTL.
  const results = await Promise.allSettled(keyIds.map((id) => store.publish(KEY_INVALIDATED_CHANNEL, id)));
  const failed = results.filter((r) => r.status === "rejected").length;
  if (failed > 0) logger().warn({ failed, total: keyIds.length }, "could not publish key invalidations");
}
