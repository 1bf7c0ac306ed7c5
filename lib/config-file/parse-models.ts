// A model of the file: the model API's fields (createModelSchema) with `provider` (a name) for
// `providerId`, and optionally `routing`: the routing API's body (putRoutingSchema) whose deployments
// name their `provider` instead of `providerId`. Without `routing.deployments` the model has one
// deployment, its `provider` and `upstreamModel`; with them, its upstreamModel is the first one's.
import { createModelSchema } from "../models/schemas";
import { deploymentInputSchema, putRoutingSchema } from "../models/routing-schemas";
import type { DeploymentSpec, FileItem, ModelSpec, RoutingSpec } from "./config-types";
import { checkKeys, isRecord, nullIfAbsent, parseWith, renameField, STAND_IN_ID, type ItemContext } from "./parse-helpers";
import type { PathPart } from "./yaml-source";

/** The model API's fields the file sets besides name, provider and upstreamModel (prices, limits, enabled, …). */
export const MODEL_FIELDS = Object.keys(createModelSchema.shape).filter((key) => !["name", "providerId", "upstreamModel"].includes(key));
/** A deployment's fields besides its provider. */
export const DEPLOYMENT_FIELDS = Object.keys(deploymentInputSchema.shape).filter((key) => key !== "id" && key !== "providerId");
const ROUTING_KEYS = Object.keys(putRoutingSchema.shape);
const MODEL_KEYS = ["name", "provider", "upstreamModel", ...MODEL_FIELDS, "routing"];

/** The routing a model has when the file says nothing about it: the routing API's defaults. */
export const DEFAULT_ROUTING = putRoutingSchema.parse({ strategy: "priority", deployments: [] });

function parseDeployments(context: ItemContext, raw: unknown, path: PathPart[]): { deployments: DeploymentSpec[]; input: unknown[] } | null {
  if (!Array.isArray(raw)) return { deployments: [], input: [] }; // putRoutingSchema reports it
  let ok = true;
  const input = raw.map((d, i) => {
    if (!isRecord(d)) return d;
    ok = checkKeys(context, d, ["provider", ...DEPLOYMENT_FIELDS], [...path, i]) && ok;
    if (typeof d.provider !== "string" || d.provider.trim() === "") {
      context.issues.push(context.source.issue([...path, i, "provider"], "the name of a provider (of this file or of the database) is required."));
      ok = false;
    }
    const { provider: _provider, ...rest } = d;
    return { ...rest, providerId: STAND_IN_ID };
  });
  if (!ok) return null;
  return { deployments: raw.map((d) => ({ provider: String((d as { provider: string }).provider).trim(), fields: {} })), input };
}

function parseRouting(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): { routing: RoutingSpec; explicitDeployments: boolean } | null {
  const raw = item.routing;
  if (raw === undefined) return { routing: { ...DEFAULT_ROUTING, router: DEFAULT_ROUTING.router, deployments: [] }, explicitDeployments: false };
  const routingPath = [...path, "routing"];
  if (!isRecord(raw)) {
    context.issues.push(context.source.issue(routingPath, "must be a map of the routing API's fields (strategy, deployments, maxRetries, …)."));
    return null;
  }
  if (!checkKeys(context, raw, ROUTING_KEYS, routingPath)) return null;
  const explicitDeployments = raw.deployments !== undefined;
  const parsedDeployments = parseDeployments(context, raw.deployments ?? [], [...routingPath, "deployments"]);
  const rename = (p: PathPart[]) => (p[0] === "deployments" && p[2] === "providerId" ? ["deployments", p[1], "provider", ...p.slice(3)] : p);
  const parsed = parseWith(context, putRoutingSchema, { ...raw, deployments: parsedDeployments?.input ?? [] }, routingPath, rename);
  if (!parsed || !parsedDeployments) return null;
  const deployments = parsed.deployments.map((d, i) => ({
    provider: parsedDeployments.deployments[i].provider,
    fields: { ...nullIfAbsent(d, DEPLOYMENT_FIELDS), state: d.state ?? "active" },
  }));
  const { strategy, maxRetries, fallbackModels, timeoutMs, queueTimeoutMs, router } = parsed;
  return { routing: { strategy, maxRetries, fallbackModels, timeoutMs, queueTimeoutMs, router, deployments }, explicitDeployments };
}

/** Deployments in the order the router prefers them: priority, then position in the list. */
export function primaryDeployment(deployments: readonly DeploymentSpec[]): DeploymentSpec | undefined {
  return deployments.map((d, i) => ({ d, i })).sort((a, b) => Number(a.d.fields.priority) - Number(b.d.fields.priority) || a.i - b.i)[0]?.d;
}

export function parseModel(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<ModelSpec> | null {
  if (!checkKeys(context, item, MODEL_KEYS, path)) return null;
  const routed = parseRouting(context, item, path);
  if (!routed) return null;
  const { routing, explicitDeployments } = routed;
  const provider = typeof item.provider === "string" ? item.provider.trim() : item.provider;
  if (explicitDeployments && provider !== undefined && provider !== null) {
    context.issues.push(context.source.issue([...path, "provider"], "give either provider (the model's one deployment) or routing.deployments, not both."));
    return null;
  }
  const primary = primaryDeployment(routing.deployments);
  if (primary && item.upstreamModel !== undefined && item.upstreamModel !== primary.fields.upstreamModel) {
    context.issues.push(context.source.issue([...path, "upstreamModel"], `with routing.deployments the model's upstream model is its first deployment's (${String(primary.fields.upstreamModel)}); leave upstreamModel out.`));
    return null;
  }
  const upstreamModel = primary ? primary.fields.upstreamModel : item.upstreamModel;
  const { routing: _routing, provider: _provider, ...fields } = item;
  const input = { ...fields, upstreamModel, providerId: primary || (typeof provider === "string" && provider) ? STAND_IN_ID : null };
  const parsed = parseWith(context, createModelSchema, input, path, renameField("providerId", "provider"));
  if (!parsed) return null;
  if (routing.router !== null && (routing.deployments.length > 0 || provider)) {
    context.issues.push(context.source.issue([...path, "routing", "router"], "an auto router has no deployments of its own: leave provider and routing.deployments out."));
    return null;
  }
  if (!explicitDeployments && typeof provider === "string" && provider !== "") {
    const only = deploymentInputSchema.parse({ providerId: STAND_IN_ID, upstreamModel: parsed.upstreamModel });
    routing.deployments = [{ provider, fields: { ...nullIfAbsent(only, DEPLOYMENT_FIELDS), state: "active" } }];
  }
  return { path, spec: { name: parsed.name, fields: nullIfAbsent(parsed, MODEL_FIELDS), upstreamModel: parsed.upstreamModel, routing } };
}
