import { afterEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../store/memory-store";
import { clientKeyOf, InFlightCalls, RequestCancelledError } from "./in-flight-calls";
import { KeySlots } from "./key-slots";

const stores: MemoryStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function twoReplicas() {
  const store = new MemoryStore();
  stores.push(store);
  return [new InFlightCalls(() => store), new InFlightCalls(() => store)] as const;
}

describe("InFlightCalls", () => {
  it("cancels a call by request id or client request id, only for the key that made it", async () => {
    const [calls] = twoReplicas();
    const reasons: unknown[] = [];
    calls.register({ requestId: "req_1", keyId: "key_a", clientKey: clientKeyOf("key_a", "my-id"), cancel: (reason) => reasons.push(reason) });
    expect(calls.cancelHere("req_1", "key_b")).toBe(false);
    expect(calls.cancelHere("my-id", "key_b")).toBe(false);
    expect(calls.cancelHere("my-id", "key_a")).toBe(true);
    expect(reasons[0]).toBeInstanceOf(RequestCancelledError);
    expect(reasons[0]).toMatchObject({ status: 499, code: "request_cancelled", retryable: false });
    expect(calls.cancelHere("req_1", "key_a")).toBe(false);
    expect(calls.size).toBe(0);
  });

  it("reaches a call held by another replica through the store, and says when nobody held it", async () => {
    const [here, there] = twoReplicas();
    let cancelled = false;
    there.register({ requestId: "req_2", keyId: "key_a", clientKey: null, cancel: () => (cancelled = true) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await here.cancel("req_2", "key_a")).toBe(true);
    expect(cancelled).toBe(true);
    // In one process nobody else can hold it: the answer comes at once, not after Redis's wait.
    const started = Date.now();
    expect(await here.cancel("req_missing", "key_a")).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("KeySlots", () => {
  it("holds calls over the key's limit in a queue, then refuses with a 429", async () => {
    const slots = new KeySlots();
    const signal = new AbortController().signal;
    const options = { queueTimeoutMs: 100, queueMax: 5, signal };
    const first = await slots.acquire("k", 1, options);
    const second = slots.acquire("k", 1, options);
    setTimeout(first, 20);
    const release = await second;
    await expect(slots.acquire("k", 1, options)).rejects.toMatchObject({ status: 429, code: "concurrency_limit_exceeded", headers: { "retry-after": "1" } });
    await expect(slots.acquire("k", 1, { ...options, queueMax: 0 })).rejects.toMatchObject({ status: 429 });
    release();
    expect(slots.inFlight("k")).toBe(0);
  });
});
