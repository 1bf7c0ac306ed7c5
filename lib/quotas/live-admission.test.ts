// A running call keeps its reservation past its hold (one shared timer renews it), and a settled one
// stops being renewed: its hold then lapses like any other.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AdmitRequest } from "../store";
import { MemoryGovernance } from "../store/memory-governance";
import type { GovernancePlan } from "./governance-plan";
import { LiveAdmission } from "./live-admission";

const HOLD_MS = 1_000;
const KEY = "quota:org:key:k1:total";

function admitted(store: MemoryGovernance, id: string): LiveAdmission {
  const request: AdmitRequest = {
    id, now: Date.now(), holdMs: HOLD_MS, ask: { calls: 1, tokens: 0, cost: 0 },
    counters: [{ key: KEY, limits: { calls: 10, tokens: null, cost: null }, expireAt: null }], windows: [],
  };
  expect(store.admitNow(request).outcome).toBe("admitted");
  const plan = { counters: [{ window: { period: "total", key: "total", start: null, end: null }, spec: request.counters[0] }], windows: [], needsEstimate: false, counterKeys: [KEY], tpmKeys: [] };
  return new LiveAdmission(store, "org", plan as unknown as GovernancePlan, request, {});
}

const reservedCalls = async (store: MemoryGovernance) => (await store.readCounters([KEY], Date.now()))[0]!.reserved.calls;

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveAdmission", () => {
  it("renews a running call's hold before it lapses, and stops once the call settles", async () => {
    vi.useFakeTimers({ now: Date.parse("2031-01-01T00:00:00Z") });
    const store = new MemoryGovernance();
    await store.seedCounters([{ key: KEY, used: { calls: 0, tokens: 0, cost: 0 }, expireAt: null }], Date.now());
    const running = admitted(store, "req_running");
    const crashed = admitted(store, "req_crashed");
    // What a crashed process leaves behind: a hold nobody renews.
    (crashed as unknown as { renew(): boolean }).renew = () => false;
    expect(await reservedCalls(store)).toBe(2);

    vi.advanceTimersByTime(3 * HOLD_MS);
    expect(await reservedCalls(store)).toBe(1); // the running call's hold, renewed three holds long

    running.settle({ status: 200, inputTokens: 0, outputTokens: 0, costMicros: 0n });
    expect(await reservedCalls(store)).toBe(0);
    expect((await store.readCounters([KEY], Date.now()))[0]!.used.calls).toBe(1);
  });
});
