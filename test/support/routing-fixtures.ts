// A model with several deployments for the routing tests: one provider per deployment (each an
// OpenAI-compatible upstream behind its own fault gate, or any base URL), the model in the database,
// and its routing set through the admin API's own handler (PUT /api/admin/models/{id}/routing).
import { encryptSecret } from "@/lib/crypto/secret-box";
import { tollgateSecret } from "@/lib/crypto/tollgate-secret";
import { db } from "@/lib/db";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import * as routingRoute from "@/lib/models/routing-route";
import type { Routing } from "@/lib/models/routing-schemas";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { sharedStore } from "@/lib/store";
import { uniqueSuffix } from "./test-ids";

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
