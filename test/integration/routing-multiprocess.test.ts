// Two separate Tollgate processes sharing Redis and PostgreSQL, like two replicas behind a load
// balancer: a deployment ejected by one is skipped by the other without a single call to it, its
// recovery reaches both, an admin's restore reaches both at once, the Health API adds up the calls in
// flight on both, and a call on one replica is cancelled through the other.
// Needs TEST_REDIS_URL and a PostgreSQL DATABASE_URL; without them the suite is skipped with a warning.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { startFaultGate, type FaultGate } from "@/e2e/fake-upstream/fault-gate";
import { resetEnvCache } from "@/lib/env";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import * as healthRoute from "@/lib/routing/health-route";
import { closeSharedStore } from "@/lib/store";
import { createUserWithKey } from "../support/gateway-fixtures";
import { chatCall, createRoutedModel } from "../support/routing-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";

const redisUrl = process.env.TEST_REDIS_URL;
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const enabled = Boolean(redisUrl) && onPostgres;
if (!enabled) {
  console.warn("[routing-multiprocess] SKIPPED: needs TEST_REDIS_URL and a postgresql:// DATABASE_URL (two processes cannot share a SQLite file and an in-process store).");
}

const COOLDOWN_MS = 2_000;

let upstream: FakeUpstream;
let gates: FaultGate[] = [];
let replicas: GatewayProcess[] = [];
let key: string;

describe.skipIf(!enabled)("two Tollgate processes sharing Redis and PostgreSQL", () => {
  beforeAll(async () => {
    // This process reads the shared verdicts (the Health API) through the same Redis as the replicas.
    process.env.REDIS_URL = redisUrl;
    process.env.ROUTING_COOLDOWN_MS = String(COOLDOWN_MS);
    resetEnvCache();
    await closeSharedStore();
    enableTestAdminApiKey();
    upstream = await startFakeUpstream({ recordLimit: 0 });
    ({ key } = await createUserWithKey());
    const env = { ...process.env, REDIS_URL: redisUrl, LOG_LEVEL: "warn", USAGE_FLUSH_INTERVAL_MS: "200", ROUTING_COOLDOWN_MS: String(COOLDOWN_MS) };
    replicas = await Promise.all([spawnGateway(env), spawnGateway(env)]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(gates.map((g) => g.close()));
    gates = [];
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await upstream?.close();
    await closeSharedStore();
    delete process.env.ROUTING_COOLDOWN_MS;
    resetEnvCache();
  });

  async function pair() {
    const a = await startFaultGate({ target: upstream.url });
    const b = await startFaultGate({ target: upstream.url });
    gates.push(a, b);
    const routing = await createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }] });
    return { a, b, routing };
  }

  const call = (replica: GatewayProcess, model: string, headers: Record<string, string> = {}) =>
    chatCall(replica.url, key, { model, messages: [{ role: "user", content: "which replica?" }] }, headers);

  it("an ejection on one replica is applied by the other at once, and so is the recovery", async () => {
    const { a, b, routing } = await pair();
    const [one, two] = replicas;
    // Both replicas know the model (and so subscribe to its deployments' verdicts) before the failures.
    expect((await call(one, routing.name)).status).toBe(200);
    expect((await call(two, routing.name)).status).toBe(200);
    expect(a.requests).toBe(2);

    a.set({ status: 503 });
    for (let i = 0; i < 5; i++) expect((await call(one, routing.name)).status).toBe(200);
    expect(a.requests).toBe(7);
    // The verdict is in the shared store (what the Health API reads)…
    const state = async () => (await callRoute(healthRoute.GET_DEPLOYMENTS, adminRequest(`/api/admin/health/deployments?model=${routing.name}`))).body[0].state;
    await expect.poll(state).toBe("ejected");
    // …and the other replica, which never saw a failure, no longer calls the ejected deployment: not once.
    for (let i = 0; i < 5; i++) {
      const answer = await call(two, routing.name);
      expect(answer.headers.get("x-tollgate-deployment")).toBe(routing.deployments[1].id);
      expect(answer.headers.get("x-tollgate-attempts")).toBe("1");
    }
    expect(a.requests).toBe(7);
    expect(b.requests).toBe(10);

    // After the cool-down, one replica's call probes it; its success brings it back on both.
    a.clear();
    await expect.poll(state, { timeout: 10_000, interval: 200 }).toBe("half-open");
    expect((await call(one, routing.name)).headers.get("x-tollgate-deployment")).toBe(routing.deployments[0].id);
    await expect
      .poll(async () => (await call(two, routing.name)).headers.get("x-tollgate-deployment"), { timeout: 5_000 })
      .toBe(routing.deployments[0].id);
  });

  it("an admin's restore ends the ejection on both replicas at once; the calls in flight on both are added up", async () => {
    const { a, routing } = await pair();
    const [one, two] = replicas;
    const ids = routing.deployments.map((d) => d.id);
    expect((await call(one, routing.name)).status).toBe(200);
    expect((await call(two, routing.name)).status).toBe(200);
    a.set({ status: 503 });
    for (let i = 0; i < 5; i++) expect((await call(one, routing.name)).status).toBe(200);
    const health = async () => (await callRoute(healthRoute.GET_DEPLOYMENTS, adminRequest(`/api/admin/health/deployments?model=${routing.name}`))).body as { id: string; state: string; inFlight: number }[];
    await expect.poll(async () => (await health())[0].state).toBe("ejected");
    expect((await call(two, routing.name)).headers.get("x-tollgate-deployment")).toBe(ids[1]);

    // Restored from this process (the console's place): both replicas send to it again, well within the cool-down.
    a.clear();
    const restored = await callRoute(healthRoute.POST_RESTORE, adminRequest(`/api/admin/deployments/${ids[0]}/restore`, { method: "POST" }), { id: ids[0] });
    expect(restored.body).toMatchObject({ restored: true, previousState: "ejected", state: "healthy" });
    expect((await health())[0].state).toBe("healthy");
    for (const replica of [one, two]) {
      const answer = await call(replica, routing.name);
      expect(answer.headers.get("x-tollgate-deployment")).toBe(ids[0]);
      expect(answer.headers.get("x-tollgate-attempts")).toBe("1");
    }

    // One slow call on each replica: the census hears both.
    a.set({ latencyMs: 2_000 });
    const before = a.requests;
    const running = [call(one, routing.name), call(two, routing.name)];
    await expect.poll(() => a.requests - before).toBe(2);
    expect((await health())[0]).toMatchObject({ id: ids[0], inFlight: 2 });
    for (const answer of await Promise.all(running)) expect(answer.status).toBe(200);
    expect((await health())[0].inFlight).toBe(0);
  });

  it("a call running on one replica is cancelled through the other", async () => {
    const { a, routing } = await pair();
    const [one, two] = replicas;
    a.set({ latencyMs: 10_000 });
    const pending = call(one, routing.name, { "x-client-request-id": "cross-replica-1" });
    await expect.poll(() => a.requests).toBe(1);
    const cancelled = await fetch(`${two.url}/v1/requests/cross-replica-1/cancel`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
    expect(cancelled.status).toBe(200);
    const answer = await pending;
    expect(answer.status).toBe(499);
    expect(answer.body.error.code).toBe("request_cancelled");
    // Nobody holds it any more: the next cancel waits for an answer that does not come, and says so.
    expect((await fetch(`${two.url}/v1/requests/cross-replica-1/cancel`, { method: "POST", headers: { authorization: `Bearer ${key}` } })).status).toBe(404);
  });
});
