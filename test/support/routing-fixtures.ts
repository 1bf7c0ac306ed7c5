// The routing tests' common ground. routingHarness(): the proxy's fast path served over HTTP in
// front of a fake upstream, a virtual key, fault gates closed after each test. createRoutedModel():
// a model with several deployments: one provider per deployment (each an OpenAI-compatible upstream
// behind its own fault gate, or any base URL), the model in the database, and its routing set
// through the admin API's own handler (PUT /api/admin/models/{id}/routing).
import { afterAll, afterEach, beforeAll } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { startFaultGate, type FaultGate } from "@/e2e/fake-upstream/fault-gate";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { tollgateSecret } from "@/lib/crypto/tollgate-secret";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import * as routingRoute from "@/lib/models/routing-route";
import type { Routing } from "@/lib/models/routing-schemas";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { sharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createUserWithKey } from "./gateway-fixtures";
import { serveGateway } from "./gateway-server";
import { uniqueSuffix } from "./test-ids";

type UsageRecordRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["usageRecord"]["findFirst"]>>>;

export interface RoutingHarnessOptions {
  /** ROUTING_COOLDOWN_MS for the suite (restored afterwards) */
  cooldownMs?: number;
  /** the fake upstream's request log (0 = none: the counting suites); its default otherwise */
  recordLimit?: number;
}

export interface RoutingHarness {
  readonly upstream: FakeUpstream;
  readonly proxy: { url: string; close(): Promise<void> };
  /** a virtual key of a user allowed every model */
  readonly key: string;
  /** a fault gate in front of the fake upstream, closed after the test */
  gate(): Promise<FaultGate>;
  gates(count: number): Promise<FaultGate[]>;
  /** a chat call through the proxy with the suite's key (or `key`) */
  chat(body: Record<string, unknown>, headers?: Record<string, string>, key?: string): ReturnType<typeof chatCall>;
  /** the call's usage record, once the buffer is flushed */
  recordOf(requestId: string): Promise<UsageRecordRow | null>;
}

/**
 * Registers the suite's hooks (beforeAll, afterEach, afterAll) and returns what they set up: read
 * its fields inside tests or hooks, not at the top level of the file.
 */
export function routingHarness(options: RoutingHarnessOptions = {}): RoutingHarness {
  let upstream: FakeUpstream | undefined;
  let proxy: { url: string; close(): Promise<void> } | undefined;
  let key: string | undefined;
  let open: FaultGate[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`routingHarness: the ${what} exists only once beforeAll ran`);
    return value;
  };

  beforeAll(async () => {
    if (options.cooldownMs !== undefined) {
      process.env.ROUTING_COOLDOWN_MS = String(options.cooldownMs);
      resetEnvCache();
    }
    enableTestAdminApiKey();
    upstream = await startFakeUpstream(options.recordLimit === undefined ? {} : { recordLimit: options.recordLimit });
    proxy = await serveGateway();
    ({ key } = await createUserWithKey());
  });

  afterEach(async () => {
    await Promise.all(open.map((g) => g.close()));
    open = [];
  });

  afterAll(async () => {
    await usageBuffer().flush();
    await proxy?.close();
    await upstream?.close();
    if (options.cooldownMs !== undefined) {
      delete process.env.ROUTING_COOLDOWN_MS;
      resetEnvCache();
    }
  });

  const harness: RoutingHarness = {
    get upstream() {
      return ready(upstream, "fake upstream");
    },
    get proxy() {
      return ready(proxy, "proxy");
    },
    get key() {
      return ready(key, "key");
    },
    async gate() {
      const gate = await startFaultGate({ target: harness.upstream.url });
      open.push(gate);
      return gate;
    },
    async gates(count) {
      const made: FaultGate[] = [];
      for (let i = 0; i < count; i++) made.push(await harness.gate());
      return made;
    },
    chat: (body, headers = {}, callerKey) => chatCall(harness.proxy.url, callerKey ?? harness.key, body, headers),
    async recordOf(requestId) {
      await usageBuffer().flush();
      return db().usageRecord.findUnique({ where: { requestId } });
    },
  };
  return harness;
}

export interface DeploymentSpec {
  /** the upstream's origin (a fault gate's url, a fake upstream's url, a closed port) */
  origin: string;
  weight?: number;
  priority?: number;
  maxConcurrency?: number | null;
  inputPricePerMTok?: number | null;
  outputPricePerMTok?: number | null;
  state?: "active" | "draining" | "disabled";
}

export interface ModelSpec {
  deployments: DeploymentSpec[];
  strategy?: string;
  maxRetries?: number;
  fallbackModels?: string[];
  timeoutMs?: number | null;
  queueTimeoutMs?: number | null;
  contextWindow?: number | null;
  /** dollars per 1M tokens; default $2 in, $8 out */
  inputPricePerMTok?: number;
  outputPricePerMTok?: number;
  router?: Record<string, unknown> | null;
  name?: string;
}

export async function putRouting(modelId: string, body: Record<string, unknown>): Promise<{ status: number; body: Routing & { error?: { message: string; field?: string } } }> {
  enableTestAdminApiKey();
  return callRoute(routingRoute.PUT, adminRequest(`/api/admin/models/${modelId}/routing`, { method: "PUT", body }), { id: modelId });
}

/** Creates the providers and the model, sets its routing, and waits for nothing: the catalog reloads on the next call. */
export async function createRoutedModel(spec: ModelSpec): Promise<Routing & { name: string }> {
  const orgId = await ensureDefaultOrg();
  const suffix = uniqueSuffix();
  const providers: { id: string }[] = [];
  for (const [i, deployment] of spec.deployments.entries()) {
    providers.push(
      await db().provider.create({
        data: { orgId, name: `route-${suffix}-${i}`, kind: "openai-compatible", baseUrl: `${deployment.origin}/v1`, encryptedApiKey: encryptSecret("sk-upstream", tollgateSecret()) },
      }),
    );
  }
  const name = spec.name ?? `routed-${suffix}`;
  const model = await db().model.create({
    data: {
      orgId, name, upstreamModel: "upstream-model", contextWindow: spec.contextWindow ?? null,
      inputPricePerMTok: BigInt(Math.round((spec.inputPricePerMTok ?? 2) * 1_000_000)),
      outputPricePerMTok: BigInt(Math.round((spec.outputPricePerMTok ?? 8) * 1_000_000)),
    },
  });
  const result = await putRouting(model.id, {
    strategy: spec.strategy ?? "priority",
    maxRetries: spec.maxRetries ?? 2,
    fallbackModels: spec.fallbackModels ?? [],
    timeoutMs: spec.timeoutMs ?? null,
    queueTimeoutMs: spec.queueTimeoutMs ?? null,
    router: spec.router ?? null,
    deployments: spec.deployments.map((d, i) => ({
      providerId: providers[i].id,
      upstreamModel: "upstream-model",
      weight: d.weight ?? 1,
      priority: d.priority ?? 0,
      maxConcurrency: d.maxConcurrency ?? null,
      inputPricePerMTok: d.inputPricePerMTok ?? null,
      outputPricePerMTok: d.outputPricePerMTok ?? null,
      ...(d.state ? { state: d.state } : {}),
    })),
  });
  if (result.status !== 200) throw new Error(`PUT routing answered ${result.status}: ${JSON.stringify(result.body)}`);
  await sharedStore().publish("catalog-changed", "");
  return { ...result.body, name };
}

/** A plain chat call over HTTP; returns status, headers and the parsed JSON body (or the raw SSE text). */
export async function chatCall(proxyUrl: string, key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${proxyUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // an event stream
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: json as any, text };
}
