// The quota and rate-window contract, run against both implementations: the in-process store and
// Redis (when TEST_REDIS_URL is set). Clocks are injected through `now`.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { AdmitRequest, Amounts, QuotaCounterSpec } from "./governance";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";
import { bridgedMemoryStore } from "@/test/support/bridged-store";

const redisUrl = process.env.TEST_REDIS_URL;
const opened: SharedStore[] = [];
const prefix = `test-gov-${randomBytes(4).toString("hex")}:`;
const T0 = 1_800_000_000_000;
const DAY = 86_400_000;

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const implementations: [string, () => SharedStore, boolean][] = [
  ["memory", () => new MemoryStore(), true],
  ["memory through the host bridge (the console's worker thread)", () => bridgedMemoryStore(), true],
  ["redis", () => new RedisStore(redisUrl!, prefix), Boolean(redisUrl)],
];

let sequence = 0;
const id = () => `req_${++sequence}_${randomBytes(3).toString("hex")}`;
const amounts = (calls: number, tokens = 0, cost = 0): Amounts => ({ calls, tokens, cost });
const counter = (key: string, limits: Partial<QuotaCounterSpec["limits"]>): QuotaCounterSpec => ({
  key, limits: { calls: null, tokens: null, cost: null, ...limits }, expireAt: T0 + DAY,
});
const admitOne = (ask: Amounts, counters: QuotaCounterSpec[], now = T0, extra: Partial<AdmitRequest> = {}): AdmitRequest => ({
  id: id(), now, holdMs: 60_000, ask, counters, windows: [], ...extra,
});

for (const [name, make, enabled] of implementations) {
  describe.skipIf(!enabled)(`governance: ${name}`, () => {
    const store = () => {
      const s = make();
      opened.push(s);
      return s;
    };
    const fresh = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

    it("asks for a seed before touching a counter that does not exist, and seeds only once", async () => {
      const s = store();
      const key = fresh("q");
      const first = await s.admit(admitOne(amounts(1), [counter(key, { calls: 10 })]));
      expect(first).toEqual({ outcome: "unseeded", missing: [key] });
      await s.seedCounters([{ key, used: amounts(4, 40, 400), expireAt: T0 + DAY }], T0);
      await s.seedCounters([{ key, used: amounts(9, 90, 900), expireAt: T0 + DAY }], T0);
      expect(await s.readCounters([key], T0)).toEqual([{ used: amounts(4, 40, 400), reserved: amounts(0) }]);
      expect((await s.admit(admitOne(amounts(1), [counter(key, { calls: 10 })]))).outcome).toBe("admitted");
    });

    it("admits exactly the limit out of many concurrent reservations", async () => {
      const s = store();
      const key = fresh("q");
      await s.seedCounters([{ key, used: amounts(0), expireAt: T0 + DAY }], T0);
      const results = await Promise.all(Array.from({ length: 200 }, () => s.admit(admitOne(amounts(1, 100, 7), [counter(key, { calls: 50 })]))));
      expect(results.filter((r) => r.outcome === "admitted")).toHaveLength(50);
      const refused = results.find((r) => r.outcome === "quota");
      expect(refused).toMatchObject({ outcome: "quota", counter: 0, kind: "calls", used: 0, reserved: 50, limit: 50 });
      expect(await s.readCounters([key], T0)).toEqual([{ used: amounts(0), reserved: amounts(50, 5000, 350) }]);
    });

    it("books all counters or none: a full team refuses without holding the key's room", async () => {
      const s = store();
      const [keyCounter, teamCounter] = [fresh("key"), fresh("team")];
      await s.seedCounters([
        { key: keyCounter, used: amounts(0), expireAt: T0 + DAY },
        { key: teamCounter, used: amounts(0, 0, 990), expireAt: T0 + DAY },
      ], T0);
      const result = await s.admit(admitOne(amounts(1, 0, 20), [counter(keyCounter, { calls: 5 }), counter(teamCounter, { cost: 1000 })]));
      expect(result).toMatchObject({ outcome: "quota", counter: 1, kind: "cost", used: 990, reserved: 0, limit: 1000 });
      expect((await s.readCounters([keyCounter], T0))[0]!.reserved).toEqual(amounts(0));
    });

    it("settles: releases the hold, charges the real usage, skips counters that do not exist", async () => {
      const s = store();
      const [key, missing] = [fresh("q"), fresh("gone")];
      await s.seedCounters([{ key, used: amounts(2, 20, 200), expireAt: T0 + DAY }], T0);
      const request = admitOne(amounts(1, 500, 5000), [counter(key, { tokens: 10_000 })]);
      await s.admit(request);
      expect((await s.readCounters([key], T0))[0]!.reserved).toEqual(amounts(1, 500, 5000));
      await s.settle({ id: request.id, reservedIn: [key], chargeTo: [key, missing], usage: amounts(1, 120, 1300), windows: [] });
      expect(await s.readCounters([key, missing], T0)).toEqual([{ used: amounts(3, 140, 1500), reserved: amounts(0) }, null]);
      // A release is a settle with nothing used; a second settle of the same id releases nothing more.
      await s.settle({ id: request.id, reservedIn: [key], chargeTo: [], usage: amounts(0), windows: [] });
      expect((await s.readCounters([key], T0))[0]!.reserved).toEqual(amounts(0));
    });

    it("drops a reservation that was never settled once it expires, unless it was renewed", async () => {
      const s = store();
      const key = fresh("q");
      await s.seedCounters([{ key, used: amounts(0), expireAt: T0 + DAY }], T0);
      const crashed = admitOne(amounts(1), [counter(key, { calls: 2 })], T0, { holdMs: 1000 });
      const streaming = admitOne(amounts(1), [counter(key, { calls: 2 })], T0, { holdMs: 1000 });
      await s.admit(crashed);
      await s.admit(streaming);
      expect((await s.admit(admitOne(amounts(1), [counter(key, { calls: 2 })], T0 + 999))).outcome).toBe("quota");
      await s.renewReservation(streaming.id, [key], T0 + 900, 5000);
      expect((await s.admit(admitOne(amounts(1), [counter(key, { calls: 2 })], T0 + 1000))).outcome).toBe("admitted");
      expect((await s.readCounters([key], T0 + 1000))[0]!.reserved.calls).toBe(2);
      // The renewed hold lapses at T0 + 5900; only the last admission (held for a minute) remains.
      expect((await s.readCounters([key], T0 + 5899))[0]!.reserved.calls).toBe(2);
      expect((await s.readCounters([key], T0 + 5900))[0]!.reserved.calls).toBe(1);
    });

    it("counts a sliding minute per window and says when room comes back", async () => {
      const s = store();
      const rpm = fresh("rpm");
      const windowed = (now: number) => admitOne(amounts(1), [], now, { windows: [{ key: rpm, limit: 3, weight: 1 }] });
      const admitted = [];
      for (const at of [0, 10_000, 20_000]) admitted.push(await s.admit(windowed(T0 + at)));
      expect(admitted.map((r) => r.outcome)).toEqual(["admitted", "admitted", "admitted"]);
      expect(admitted[2]).toMatchObject({ windows: [{ limit: 3, remaining: 0, resetMs: 40_000 }] });
      expect(await s.admit(windowed(T0 + 30_000))).toMatchObject({ outcome: "rate", window: 0, retryAfterMs: 30_000 });
      expect((await s.admit(windowed(T0 + 60_000))).outcome).toBe("admitted");
      expect(await s.admit(windowed(T0 + 60_001))).toMatchObject({ outcome: "rate", retryAfterMs: 9_999 });
    });

    it("weighs token windows and corrects them to the real count on settle", async () => {
      const s = store();
      const tpm = fresh("tpm");
      const ask = (weight: number, now = T0) => admitOne(amounts(1), [], now, { windows: [{ key: tpm, limit: 1000, weight }] });
      const big = ask(800);
      expect(await s.admit(big)).toMatchObject({ outcome: "admitted", windows: [{ remaining: 200 }] });
      expect(await s.admit(ask(300, T0 + 1))).toMatchObject({ outcome: "rate", retryAfterMs: 59_999 });
      await s.settle({ id: big.id, reservedIn: [], chargeTo: [], usage: amounts(1), windows: [{ key: tpm, weight: 100 }] });
      expect(await s.admit(ask(300, T0 + 2))).toMatchObject({ outcome: "admitted", windows: [{ remaining: 600 }] });
      expect(await s.admit(ask(5000, T0 + 3))).toMatchObject({ outcome: "rate", retryAfterMs: 60_000 });
    });

    it("refuses on a quota before booking any window, and on a window before booking any quota", async () => {
      const s = store();
      const [key, rpm] = [fresh("q"), fresh("rpm")];
      await s.seedCounters([{ key, used: amounts(1), expireAt: T0 + DAY }], T0);
      const both = (calls: number, rpmLimit: number) =>
        admitOne(amounts(1), [counter(key, { calls })], T0, { windows: [{ key: rpm, limit: rpmLimit, weight: 1 }] });
      expect((await s.admit(both(1, 10))).outcome).toBe("quota");
      expect(await s.admit(both(10, 0))).toMatchObject({ outcome: "rate", windows: [{ limit: 0, remaining: 0 }] });
      expect((await s.readCounters([key], T0))[0]!.reserved.calls).toBe(0);
      expect(await s.admit(both(10, 1))).toMatchObject({ outcome: "admitted", windows: [{ limit: 1, remaining: 0 }] });
    });

    it("keeps exact integers far beyond 32 bits", async () => {
      const s = store();
      const key = fresh("q");
      const big = 4_000_000_000_000_000;
      await s.seedCounters([{ key, used: amounts(0, 0, big), expireAt: null }], T0);
      const request = admitOne(amounts(1, 0, 123_456_789), [counter(key, { cost: big + 123_456_789 })]);
      expect((await s.admit(request)).outcome).toBe("admitted");
      await s.settle({ id: request.id, reservedIn: [key], chargeTo: [key], usage: amounts(1, 0, 123_456_789), windows: [] });
      expect((await s.readCounters([key], T0))[0]!.used.cost).toBe(big + 123_456_789);
      await s.deleteCounters([key]);
      expect(await s.readCounters([key], T0)).toEqual([null]);
    });
  });
}

describe.skipIf(!redisUrl)("governance: two Redis clients, like two Tollgate processes", () => {
  it("admits exactly the limit when replicas race", async () => {
    const a = new RedisStore(redisUrl!, prefix);
    const b = new RedisStore(redisUrl!, prefix);
    opened.push(a, b);
    const key = `race-${randomBytes(4).toString("hex")}`;
    await Promise.all([a, b].map((s) => s.seedCounters([{ key, used: amounts(0), expireAt: T0 + DAY }], T0)));
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).admit(admitOne(amounts(1), [counter(key, { calls: 37 })]))));
    expect(results.filter((r) => r.outcome === "admitted")).toHaveLength(37);
  });
});
