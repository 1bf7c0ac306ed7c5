// What RedisStore's pub/sub tells its subscribers when Redis goes away and comes back: a real Redis
// (TEST_REDIS_URL) behind a TCP proxy of the test's own (test/support/tcp-proxy.ts), which cuts or
// freezes the connections of the store under test; a second store connected directly plays the
// other replicas.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "@/test/support/tcp-proxy";
import { RedisStore } from "./redis-store";

const redisUrl = process.env.TEST_REDIS_URL;
let proxy: TcpProxy;
const opened: RedisStore[] = [];

beforeAll(async () => {
  if (!redisUrl) return;
  const { hostname, port } = new URL(redisUrl);
  proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
});
afterEach(async () => {
  proxy?.heal();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await proxy?.close();
});

/** A store behind the proxy and one beside it, on a prefix of their own. */
function storesOnOnePrefix() {
  const prefix = `pubsub-${randomBytes(4).toString("hex")}:`;
  const behind = new RedisStore(proxy.urlFor(redisUrl!), prefix);
  const direct = new RedisStore(redisUrl!, prefix);
  opened.push(behind, direct);
  return { behind, direct };
}

const lag = (store: RedisStore, channel: string) => Date.now() - store.deliveredThrough(channel);

async function subscribed(store: RedisStore, channel: string, received: string[] = []) {
  let resyncs = 0;
  await store.subscribe(channel, (m) => received.push(m), () => resyncs++);
  return { received, resyncs: () => resyncs };
}

describe.skipIf(!redisUrl)("RedisStore pub/sub through an outage", () => {
  it("vouches for delivery within a heartbeat while connected, and resyncs once when first subscribed", async () => {
    const { behind } = storesOnOnePrefix();
    const sub = await subscribed(behind, "chan");
    expect(sub.resyncs()).toBe(1);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 300));
      expect(lag(behind, "chan")).toBeLessThan(600);
    }
    expect(behind.deliveredThrough("never-subscribed")).toBe(0);
  });

  it("stops vouching when the connection is cut, resyncs when it is back, and then delivers again", async () => {
    const { behind, direct } = storesOnOnePrefix();
    const sub = await subscribed(behind, "chan");
    proxy.cut();
    await direct.publish("chan", "missed"); // published while `behind` cannot hear it
    await expect.poll(() => lag(behind, "chan"), { timeout: 3_000 }).toBeGreaterThan(1_000);
    expect(sub.received).toEqual([]);

    proxy.heal();
    await expect.poll(() => sub.resyncs(), { timeout: 10_000 }).toBe(2);
    expect(lag(behind, "chan")).toBeLessThan(600);
    await direct.publish("chan", "after");
    await expect.poll(() => sub.received).toEqual(["after"]);
  });

  it("notices a connection that went silent without an error (a partition) within a second", async () => {
    const { behind, direct } = storesOnOnePrefix();
    const sub = await subscribed(behind, "chan");
    proxy.freeze();
    await direct.publish("chan", "held");
    await expect.poll(() => lag(behind, "chan"), { timeout: 3_000 }).toBeGreaterThan(1_000);
    proxy.heal();
    // What was held arrives (or the store reconnected and resynced): either way it catches up.
    await expect.poll(() => lag(behind, "chan"), { timeout: 15_000 }).toBeLessThan(600);
    expect(sub.received.includes("held") || sub.resyncs() > 1).toBe(true);
  });

  it("publishes again, once reconnected, what it could not publish while cut off", async () => {
    const { behind, direct } = storesOnOnePrefix();
    const sub = await subscribed(direct, "chan");
    await behind.get("warm-up"); // connected before the cut
    proxy.cut();
    await expect(behind.publish("chan", "revoked-key-1")).rejects.toThrow();
    proxy.heal();
    await expect.poll(() => sub.received, { timeout: 10_000 }).toEqual(["revoked-key-1"]);
  });
});
