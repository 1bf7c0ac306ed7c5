// One contract, both implementations: the in-process store and Redis (when TEST_REDIS_URL is set,
// which `npm test` does whenever Redis is reachable).
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";
import { bridgedMemoryStore } from "@/test/support/bridged-store";

const redisUrl = process.env.TEST_REDIS_URL;
const opened: SharedStore[] = [];
const prefix = `test-${randomBytes(4).toString("hex")}:`;

const implementations: [string, () => SharedStore, boolean][] = [
  ["memory", () => new MemoryStore(), true],
  ["memory through the host bridge (the console's worker thread)", () => bridgedMemoryStore(), true],
  ["redis", () => new RedisStore(redisUrl!, prefix), Boolean(redisUrl)],
];

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

for (const [name, make, enabled] of implementations) {
  describe.skipIf(!enabled)(`SharedStore: ${name}`, () => {
    const store = () => {
      const s = make();
      opened.push(s);
      return s;
    };

    it("counts within a window and restarts after it expires", async () => {
      const s = store();
      const results = await Promise.all(Array.from({ length: 25 }, () => s.incrementWindow("w", 200)));
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(results[0].resetInMs).toBeLessThanOrEqual(200);
      await new Promise((r) => setTimeout(r, 250));
      expect((await s.incrementWindow("w", 200)).count).toBe(1);
    });

    it("gets, sets with a TTL, and deletes", async () => {
      const s = store();
      await s.set("a", "1");
      await s.set("b", "2", 50);
      expect(await s.get("a")).toBe("1");
      expect(await s.get("b")).toBe("2");
      await new Promise((r) => setTimeout(r, 80));
      expect(await s.get("b")).toBeNull();
      await s.delete("a");
      expect(await s.get("a")).toBeNull();
    });

    it("delivers published messages to subscribers", async () => {
      const s = store();
      const received: string[] = [];
      await s.subscribe("chan", (m) => received.push(m));
      await s.publish("chan", "hello");
      await expect.poll(() => received).toEqual(["hello"]);
    });

    it("vouches for recent delivery on a subscribed channel (what the key cache trusts: lib/gateway/key-cache.ts)", async () => {
      const s = store();
      await s.subscribe("vouched", () => {});
      expect(Date.now() - s.deliveredThrough("vouched")).toBeLessThan(1_000);
    });
  });
}

describe.skipIf(!redisUrl)("SharedStore: redis across replicas", () => {
  it("two stores on one Redis share counters and broadcasts, like two Tollgate processes", async () => {
    const a = new RedisStore(redisUrl!, prefix);
    const b = new RedisStore(redisUrl!, prefix);
    opened.push(a, b);
    const fromB: string[] = [];
    await b.subscribe("key-invalidated", (m) => fromB.push(m));
    await a.publish("key-invalidated", "key_123");
    await expect.poll(() => fromB).toEqual(["key_123"]);
    const counts = await Promise.all([...Array(10)].map((_, i) => (i % 2 ? a : b).incrementWindow("shared", 5000)));
    expect(Math.max(...counts.map((c) => c.count))).toBe(10);
  });
});
