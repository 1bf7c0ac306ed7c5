// The console's worker thread hands its usage records to the main thread's buffer through the host
// bridge. Both ends run in this thread here, over a real MessageChannel (same cloning and ordering).
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { serveHostBridge } from "../boot/host-bridge";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";
import { flushUsage, recordUsage, usageHostHandlers } from "./usage-recorder";

const slot = globalThis as unknown as { tollgateHostPort?: unknown; tollgateHostBridge?: unknown; tollgateUsageBuffer?: UsageBuffer };

function event(requestId: string): UsageEvent {
  return {
    requestId, orgId: "org", keyId: null, userId: "u", teamId: null, model: "m",
    providerId: "p", providerKind: "openai", upstreamModel: "m",
    inputTokens: 10, outputTokens: 5, cachedTokens: 0, costMicros: 9_007_199_254_740_993n,
    latencyMs: 12, ttftMs: 3, streamed: true, status: 200, errorType: null,
    estimated: false, endpoint: "chat.completions", createdAt: new Date("2026-11-24T00:10:00Z"),
  };
}

afterEach(() => {
  delete slot.tollgateHostPort;
  delete slot.tollgateHostBridge;
  delete slot.tollgateUsageBuffer;
});

describe("recordUsage in the console's worker", () => {
  it("hands records to the main thread's buffer in order, and flushUsage writes them before it resolves", async () => {
    const written: UsageEvent[] = [];
    // The main thread's buffer, with a writer that keeps what it is given.
    const buffer = new UsageBuffer(async (events) => {
      written.push(...events);
      return events.length;
    }, { flushSize: 1_000, flushIntervalMs: 60_000 });
    const { port1, port2 } = new MessageChannel();
    // Host end first (it reads the buffer slot lazily), then this thread becomes the "worker".
    slot.tollgateUsageBuffer = buffer;
    serveHostBridge(port1, () => usageHostHandlers());
    slot.tollgateHostPort = port2;

    recordUsage(event("req_1"));
    recordUsage(event("req_2"));
    expect(buffer.pending).toBe(0); // on their way through the port, not buffered in this thread
    await flushUsage();

    expect(written.map((e) => e.requestId)).toEqual(["req_1", "req_2"]);
    // bigint and Date survive the structured clone exactly.
    expect(written[0].costMicros).toBe(9_007_199_254_740_993n);
    expect(written[0].createdAt.toISOString()).toBe("2026-11-24T00:10:00.000Z");
    port1.close();
  });
});
