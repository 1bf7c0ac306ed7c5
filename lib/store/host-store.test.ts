// What the console's worker relies on beyond the SharedStore contract (run for the bridged store in
// shared-store.test.ts and governance-store.test.ts): ordering of publications and errors.
import { afterEach, describe, expect, it } from "vitest";
import { bridgedMemoryStore } from "@/test/support/bridged-store";
import { MemoryStore } from "./memory-store";
import type { SharedStore } from "./shared-store";

const opened: SharedStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function pair() {
  const host = new MemoryStore();
  const guest = bridgedMemoryStore(host);
  opened.push(guest);
  return { host, guest };
}

describe("HostStore (the console thread's view of the main thread's store)", () => {
  it("delivers a guest's publication to the host's subscribers before publish resolves", async () => {
    const { host, guest } = pair();
    const seen: string[] = [];
    await host.subscribe("key-invalidated", (m) => seen.push(m));
    await guest.publish("key-invalidated", "key_1");
    // No wait: a revoked key must be refused by the proxy on its very next request.
    expect(seen).toEqual(["key_1"]);
  });

  it("delivers the host's publications to guest subscribers, one subscription per channel", async () => {
    const { host, guest } = pair();
    const a: string[] = [];
    const b: string[] = [];
    await guest.subscribe("catalog-changed", (m) => a.push(m));
    await guest.subscribe("catalog-changed", (m) => b.push(m));
    await host.publish("catalog-changed", "x");
    await guest.get("flush"); // a round trip: events sent before the answer have arrived
    expect(a).toEqual(["x"]);
    expect(b).toEqual(["x"]);
  });

  it("sees the host's counters and writes into them", async () => {
    const { host, guest } = pair();
    await host.set("k", "v");
    expect(await guest.get("k")).toBe("v");
    await guest.delete("k");
    expect(await host.get("k")).toBeNull();
  });

  it("rejects with the host's error message when the host fails", async () => {
    const failing = new MemoryStore();
    failing.get = () => Promise.reject(new Error("store unavailable"));
    const guest = bridgedMemoryStore(failing);
    opened.push(guest);
    await expect(guest.get("k")).rejects.toThrow("store unavailable");
  });
});
