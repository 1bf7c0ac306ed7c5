// Tells every gateway replica to forget cached keys. The gateway subscribes to exactly this channel
// and expects one key id per message; never change either without changing lib/gateway.
import { logger } from "../logger";
import { sharedStore } from "../store";

export const KEY_INVALIDATED_CHANNEL = "key-invalidated";

export async function publishKeyInvalidation(keyIds: readonly string[]): Promise<void> {
  if (keyIds.length === 0) return;
  const store = sharedStore();
  // The database write already happened; a failed broadcast only delays the gateway until its
  // cache TTL runs out, so log it rather than fail the admin request.
  const results = await Promise.allSettled(keyIds.map((id) => store.publish(KEY_INVALIDATED_CHANNEL, id)));
  const failed = results.filter((r) => r.status === "rejected").length;
  if (failed > 0) logger().warn({ failed, total: keyIds.length }, "could not publish key invalidations");
}
