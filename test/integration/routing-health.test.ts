// Health learned from live traffic, over real HTTP: a deployment that keeps failing is ejected (its
// calls go to the other one without a client error), the Health API shows it ejected and lists the
// ejection, after the cool-down one live call probes it (half-open) and its success brings it back,
// a failed probe doubles the cool-down; an admin drains and disables deployments.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { startFaultGate, type FaultGate } from "@/e2e/fake-upstream/fault-gate";
import { resetEnvCache } from "@/lib/env";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import * as deploymentRoute from "@/lib/models/deployment-route";
import * as healthRoute from "@/lib/routing/health-route";
import { exposeMetrics } from "@/lib/metrics/metrics";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createUserWithKey } from "../support/gateway-fixtures";
import { serveGateway } from "../support/gateway-server";
import { chatCall, createRoutedModel } from "../support/routing-fixtures";

const COOLDOWN_MS = 1_500;

let upstream: FakeUpstream;
let gates: FaultGate[] = [];
let proxy: { url: string; close(): Promise<void> };
let key: string;

beforeAll(async () => {
  process.env.ROUTING_COOLDOWN_MS = String(COOLDOWN_MS);
  resetEnvCache();
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ recordLimit: 0 });
  proxy = await serveGateway();
  ({ key } = await createUserWithKey());
});

afterEach(async () => {
  await Promise.all(gates.map((g) => g.close()));
  gates = [];
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
  delete process.env.ROUTING_COOLDOWN_MS;
  resetEnvCache();
});

async function pairOfDeployments() {
  const a = await startFaultGate({ target: upstream.url });
  const b = await startFaultGate({ target: upstream.url });
  gates.push(a, b);
  const routing = await createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }] });
  return { a, b, routing, model: routing.name, ids: routing.deployments.map((d) => d.id) };
}

const call = (model: string) => chatCall(proxy.url, key, { model, messages: [{ role: "user", content: "status?" }] });

async function health(model: string) {
  const result = await callRoute(healthRoute.GET_DEPLOYMENTS, adminRequest(`/api/admin/health/deployments?model=${model}`));
  expect(result.status).toBe(200);
  return result.body as { id: string; state: string; calls: number; errors: number; errorRate: number; ejectedUntil: string | null; lastError: string | null; latencyP50Ms: number | null }[];
}

async function ejections(deploymentId: string) {
  const result = await callRoute(healthRoute.GET_EJECTIONS, adminRequest(`/api/admin/health/ejections?deploymentId=${deploymentId}`));
  expect(result.status).toBe(200);
  return result.body as { total: number; data: { reason: string; ejectedAt: string; until: string; lastError: string | null }[] };
}

describe("circuit breaker", () => {
  it("ejects a deployment after 5 consecutive failures: no client errors, no more calls to it; the Health API shows it", async () => {
    const { a, b, model, ids } = await pairOfDeployments();
    a.set({ status: 503 });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await call(model)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(a.requests).toBe(5);
    expect(b.requests).toBe(12);

    await usageBuffer().flush();
    const [first, second] = await health(model);
    expect(first).toMatchObject({ id: ids[0], state: "ejected", calls: 5, errors: 5, errorRate: 1, lastError: "503 upstream_server_error" });
    expect(new Date(first.ejectedUntil!).getTime()).toBeGreaterThan(Date.now());
    expect(second).toMatchObject({ id: ids[1], state: "healthy", calls: 12, errors: 0, ejectedUntil: null });
    expect(second.latencyP50Ms).not.toBeNull();
    await expect.poll(async () => (await ejections(ids[0])).data).toMatchObject([{ reason: "consecutive-failures", lastError: "503 upstream_server_error" }]);

    // Prometheus: attempts per deployment and outcome, retries, the ejection, each deployment's state.
    const { text } = await exposeMetrics();
    expect(text).toMatch(new RegExp(`tollgate_routing_attempts_total\\{model="${model}",provider="[^"]+",deployment="${ids[0]}",outcome="failure"\\} 5`));
    expect(text).toMatch(new RegExp(`tollgate_routing_attempts_total\\{model="${model}",provider="[^"]+",deployment="${ids[1]}",outcome="success"\\} 12`));
    expect(text).toMatch(new RegExp(`tollgate_routing_ejections_total\\{model="${model}",provider="[^"]+",reason="consecutive-failures"\\} 1`));
    expect(text).toMatch(new RegExp(`tollgate_routing_deployment_state\\{model="${model}",provider="[^"]+",deployment="${ids[0]}",state="ejected"\\} 1`));
    expect(text).toMatch(/tollgate_routing_retries_total\{model="[^"]+"\} \d+/);
  });

  it("after the cool-down one live call probes it: success brings it back, failure doubles the cool-down", async () => {
    const { a, model, ids } = await pairOfDeployments();
    a.set({ status: 502 });
    for (let i = 0; i < 5; i++) await call(model);
    expect((await health(model))[0].state).toBe("ejected");

    // Still failing when the cool-down ends: the probe fails (the client is served by b) and the next ejection is twice as long.
    await expect.poll(async () => (await health(model))[0].state, { timeout: 5_000, interval: 100 }).toBe("half-open");
    expect((await call(model)).status).toBe(200);
    expect(a.requests).toBe(6);
    const history = await expect.poll(async () => (await ejections(ids[0])).data, { timeout: 5_000 }).toHaveLength(2).then(() => ejections(ids[0]));
    const [probe, firstEjection] = history.data;
    expect(probe.reason).toBe("probe-failed");
    const length = (e: { ejectedAt: string; until: string }) => new Date(e.until).getTime() - new Date(e.ejectedAt).getTime();
    expect(length(firstEjection)).toBe(COOLDOWN_MS);
    expect(length(probe)).toBe(2 * COOLDOWN_MS);

    // Healthy again when the next cool-down ends: exactly one probe call, then the deployment serves as before.
    a.clear();
    await expect.poll(async () => (await health(model))[0].state, { timeout: 8_000, interval: 100 }).toBe("half-open");
    const probed = await call(model);
    expect(probed.headers.get("x-tollgate-deployment")).toBe(ids[0]);
    expect(a.requests).toBe(7);
    await expect.poll(async () => (await health(model))[0].state).toBe("healthy");
    expect((await call(model)).headers.get("x-tollgate-deployment")).toBe(ids[0]);
  });

  it("an admin drains or disables a deployment (no new calls) and activates it again", async () => {
    const { a, b, model, ids } = await pairOfDeployments();
    const patch = (state: string) => callRoute(deploymentRoute.PATCH, adminRequest(`/api/admin/deployments/${ids[0]}`, { method: "PATCH", body: { state } }), { id: ids[0] });

    expect((await patch("draining")).body).toMatchObject({ id: ids[0], state: "draining" });
    for (let i = 0; i < 3; i++) expect((await call(model)).headers.get("x-tollgate-deployment")).toBe(ids[1]);
    expect((await health(model))[0].state).toBe("draining");

    expect((await patch("disabled")).status).toBe(200);
    expect((await call(model)).headers.get("x-tollgate-deployment")).toBe(ids[1]);
    expect((await health(model))[0].state).toBe("disabled");

    expect((await patch("active")).status).toBe(200);
    expect((await call(model)).headers.get("x-tollgate-deployment")).toBe(ids[0]);
    expect([a.requests, b.requests]).toEqual([1, 4]);

    const invalid = await patch("paused");
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.field).toBe("state");
  });
});
