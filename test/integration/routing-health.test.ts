// Health learned from live traffic, over real HTTP: a deployment that keeps failing is ejected (its
// calls go to the other one without a client error), the Health API shows it ejected and lists the
// ejection, after the cool-down one live call probes it (half-open) and its success brings it back,
// a failed probe doubles the cool-down; an admin drains and disables deployments, and restores an
// ejected one at once; the calls in flight on each deployment.
import { describe, expect, it } from "vitest";
import { adminRequest, callRoute } from "@/lib/http/admin-test-support";
import * as deploymentRoute from "@/lib/models/deployment-route";
import * as healthRoute from "@/lib/routing/health-route";
import { db } from "@/lib/db";
import { exposeMetrics } from "@/lib/metrics/metrics";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createRoutedModel, routingHarness } from "../support/routing-fixtures";

const COOLDOWN_MS = 1_500;

const harness = routingHarness({ cooldownMs: COOLDOWN_MS, recordLimit: 0 });

async function pairOfDeployments() {
  const [a, b] = await harness.gates(2);
  const routing = await createRoutedModel({ deployments: [{ origin: a.url, priority: 0 }, { origin: b.url, priority: 1 }] });
  return { a, b, routing, model: routing.name, ids: routing.deployments.map((d) => d.id) };
}

const call = (model: string) => harness.chat({ model, messages: [{ role: "user", content: "status?" }] });

async function health(model: string) {
  const result = await callRoute(healthRoute.GET_DEPLOYMENTS, adminRequest(`/api/admin/health/deployments?model=${model}`));
  expect(result.status).toBe(200);
  return result.body as { id: string; state: string; calls: number; inFlight: number; errors: number; errorRate: number; ejectedUntil: string | null; lastError: string | null; latencyP50Ms: number | null }[];
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

  it("an admin restores an ejected deployment: back at once, audited, and its next ejection starts again from the first cool-down", async () => {
    const { a, model, ids } = await pairOfDeployments();
    const restore = (id: string) => callRoute(healthRoute.POST_RESTORE, adminRequest(`/api/admin/deployments/${id}/restore`, { method: "POST" }), { id });
    a.set({ status: 503 });
    for (let i = 0; i < 5; i++) expect((await call(model)).status).toBe(200);
    const [ejected] = await health(model);
    expect(ejected.state).toBe("ejected");

    a.clear();
    const restored = await restore(ids[0]);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: ids[0], model, restored: true, previousState: "ejected", previousEjectedUntil: ejected.ejectedUntil, state: "healthy" });
    expect((await health(model))[0]).toMatchObject({ state: "healthy", ejectedUntil: null });
    // Long before the cool-down would have ended, the deployment takes calls again.
    const served = await call(model);
    expect(served.headers.get("x-tollgate-deployment")).toBe(ids[0]);
    expect(served.headers.get("x-tollgate-attempts")).toBe("1");

    const audit = await db().auditLog.findFirst({ where: { action: "deployment.restore", targetId: ids[0] }, orderBy: { id: "desc" } });
    expect(audit).not.toBeNull();
    expect(JSON.parse(audit!.before!)).toMatchObject({ state: "ejected" });
    expect(JSON.parse(audit!.after!)).toEqual({ state: "healthy" });

    // The breaker was reset, not only closed: a new ejection lasts the first cool-down, not twice it.
    a.set({ status: 503 });
    for (let i = 0; i < 5; i++) await call(model);
    expect((await health(model))[0].state).toBe("ejected");
    const history = await expect.poll(async () => (await ejections(ids[0])).data, { timeout: 5_000 }).toHaveLength(2).then(() => ejections(ids[0]));
    expect(new Date(history.data[0].until).getTime() - new Date(history.data[0].ejectedAt).getTime()).toBe(COOLDOWN_MS);

    // A healthy deployment: nothing ended, its breaker is reset all the same; an unknown one is a 404.
    expect((await restore(ids[1])).body).toMatchObject({ id: ids[1], restored: false, previousState: "healthy", previousEjectedUntil: null, state: "healthy" });
    const unknown = await restore("dep_does_not_exist");
    expect(unknown.status).toBe(404);
  });

  it("counts the calls in flight on each deployment", async () => {
    const { a, model, ids } = await pairOfDeployments();
    a.set({ latencyMs: 1_500 });
    const running = [call(model), call(model)];
    await expect.poll(() => a.requests).toBe(2);
    const [busy, idle] = await health(model);
    expect(busy).toMatchObject({ id: ids[0], inFlight: 2 });
    expect(idle).toMatchObject({ id: ids[1], inFlight: 0 });
    for (const answer of await Promise.all(running)) expect(answer.status).toBe(200);
    expect((await health(model))[0].inFlight).toBe(0);
  });
});
