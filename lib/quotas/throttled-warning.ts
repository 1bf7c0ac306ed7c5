// Store outages hit every request; the log gets one line per subsystem every 30 seconds, with the
// number of occurrences it stands for, instead of one per request.
import { logger } from "../logger";

const EVERY_MS = 30_000;
const slot = globalThis as unknown as { tollgateThrottledWarnings?: Map<string, { at: number; suppressed: number }> };

export function warnThrottled(topic: string, error: unknown, message: string): void {
  slot.tollgateThrottledWarnings ??= new Map();
  const seen = slot.tollgateThrottledWarnings.get(topic);
  const now = Date.now();
  if (seen && now - seen.at < EVERY_MS) {
    seen.suppressed++;
    return;
  }
  logger().warn({ err: error, topic, occurrencesSinceLastWarning: (seen?.suppressed ?? 0) + 1 }, message);
  slot.tollgateThrottledWarnings.set(topic, { at: now, suppressed: 0 });
}
