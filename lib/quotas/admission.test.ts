// Admission without HTTP: the zero-cost path for callers nothing governs, and what each store
// failure policy does when the shared store is unreachable.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { resetEnvCache } from "../env";
import type { Principal } from "../principal/principal";
import { metrics } from "../metrics/metrics";
import { sharedStore, type SharedStore } from "../store";
import { MemoryStore } from "../store/memory-store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { admitCall } from "./admission";
import { localRateLimiter } from "./degraded-admission";
import { publishGovernanceChanged } from "./governance-rules";

const slot = globalThis as unknown as { tollgateStore?: SharedStore };
let orgId: string;

function principal(overrides: Partial<Principal> = {}): Principal {
  return { orgId, keyId: `key-${uniqueSuffix()}`, userId: `user-${uniqueSuffix()}`, teamId: null, allowedModels: null, expiresAt: null, tier: "enterprise", ...overrides };
}

const admit = (who: Principal) =>
  admitCall({ requestId: `req_${uniqueSuffix()}${uniqueSuffix()}`, principal: who, model: "m", estimate: async () => ({ tokens: 10, cost: 10 }) });

async function fallbacks(subsystem: string, policy: string): Promise<number> {
  const { values } = await metrics().storeFallbacks.get();
  return values.find((v) => v.labels.subsystem === subsystem && v.labels.policy === policy)?.value ?? 0;
}

/** Runs `fn` with a shared store whose every governance call fails, like an unreachable Redis. */
async function withBrokenStore(fn: () => Promise<void>): Promise<void> {
  const real = sharedStore();
  const broken = new MemoryStore();
  broken.admit = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
  // Like Redis, it has no synchronous in-process path: every admission goes through admit() above.
  Object.defineProperty(broken, "syncGovernance", { value: undefined });
  slot.tollgateStore = broken;
  try {
    await fn();
  } finally {
    slot.tollgateStore = real;
    await broken.close();
  }
}

function setPolicies(quota: string, rate: string) {
  process.env.QUOTA_STORE_FAILURE_POLICY = quota;
  process.env.RATE_LIMIT_STORE_FAILURE_POLICY = rate;
  resetEnvCache();
}

beforeAll(async () => {
  // An organization of its own, so rules other test files create do not apply here.
  orgId = (await db().organization.create({ data: { name: `admission-${uniqueSuffix()}` } })).id;
});

afterEach(() => {
  delete process.env.QUOTA_STORE_FAILURE_POLICY;
  delete process.env.RATE_LIMIT_STORE_FAILURE_POLICY;
  resetEnvCache();
  vi.restoreAllMocks();
});

describe("admitCall", () => {
  it("makes no store round-trip and estimates nothing when nothing governs the caller", async () => {
    const admitSpy = vi.spyOn(sharedStore(), "admit");
    const estimate = vi.fn(async () => ({ tokens: 1, cost: 1 }));
    const ungoverned = await admitCall({ requestId: "req_a", principal: principal(), model: "m", estimate });
    expect(ungoverned.admission?.headers).toEqual({});

    // A rule for someone else in the same organization still leaves this caller untouched.
    await db().quota.create({ data: { orgId, scope: "key", scopeId: `other-${uniqueSuffix()}`, period: "daily", maxCalls: 1 } });
    await publishGovernanceChanged();
    expect((await admitCall({ requestId: "req_b", principal: principal(), model: "m", estimate })).admission).toBeDefined();
    expect(admitSpy).not.toHaveBeenCalled();
    expect(estimate).not.toHaveBeenCalled();
  });

  it("fails closed on quotas by default when the store is unreachable (503 service_unavailable)", async () => {
    const who = principal();
    await db().quota.create({ data: { orgId, scope: "key", scopeId: who.keyId!, period: "daily", maxCalls: 100 } });
    await publishGovernanceChanged();
    await withBrokenStore(async () => {
      const before = await fallbacks("quota", "fail_closed");
      const refused = await admit(who);
      expect(refused.refusal?.status).toBe(503);
      expect(refused.refusal?.headers["retry-after"]).toBe("5");
      expect(JSON.parse(refused.refusal!.body as string)).toMatchObject({ error: { type: "service_unavailable", code: "quota_store_unavailable" } });
      expect(await fallbacks("quota", "fail_closed")).toBe(before + 1);

      setPolicies("open", "local");
      expect((await admit(who)).admission).toBeDefined();
      expect(await fallbacks("quota", "fail_open")).toBeGreaterThan(0);
    });
  });

  it("rate-limits in this process while the store is down (policy local), or not at all, or refuses", async () => {
    const who = principal();
    await db().rateLimit.create({ data: { orgId, scope: "user", scopeId: who.userId, rpm: 1 } });
    await publishGovernanceChanged();
    await withBrokenStore(async () => {
      localRateLimiter().clear();
      const first = await admit(who);
      expect(first.admission?.headers["x-ratelimit-limit-requests"]).toBe("1");
      const second = await admit(who);
      expect(second.refusal?.status).toBe(429);
      expect(JSON.parse(second.refusal!.body as string)).toMatchObject({ error: { type: "rate_limit_exceeded" } });
      expect(await fallbacks("rate_limit", "local")).toBeGreaterThanOrEqual(2);

      setPolicies("closed", "open");
      expect((await admit(who)).admission?.headers).toEqual({});
      setPolicies("closed", "closed");
      expect((await admit(who)).refusal?.status).toBe(503);
    });
  });
});
