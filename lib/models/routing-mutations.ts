// Changing a model's routing: its deployments (kept by id, or by provider and upstream model, so a
// re-sent list keeps their ids, health and history), strategy, retries, fallbacks, timeouts, or an
// auto router's candidates. Every change tells the gateways to reload their table.
import { db, type DbClient } from "../db";
import { ValidationError } from "../http/errors";
import type { RouterConfig } from "../routing/auto-router";
import { dollarsToMicros } from "../usage/money";
import { publishCatalogChanged } from "./catalog-changed";
import { refreshPrimaryDeployment } from "./deployment-mirror";
import { getDeploymentOrThrow, getRoutingOrThrow } from "./routing-queries";
import type { Deployment, DeploymentInput, PatchDeploymentInput, PutRoutingInput, Routing } from "./routing-schemas";

const micros = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : dollarsToMicros(dollars));

async function assertProviders(client: DbClient, orgId: string, deployments: readonly DeploymentInput[]): Promise<void> {
  const ids = [...new Set(deployments.map((d) => d.providerId))];
  const known = new Set((await client.provider.findMany({ where: { orgId, id: { in: ids } }, select: { id: true } })).map((p) => p.id));
  deployments.forEach((d, i) => {
    if (!known.has(d.providerId)) throw new ValidationError(`deployments.${i}.providerId: provider ${d.providerId} does not exist.`, `deployments.${i}.providerId`);
  });
  const seen = new Map<string, number>();
  deployments.forEach((d, i) => {
    const pair = `${d.providerId}\u0000${d.upstreamModel}`;
    const first = seen.get(pair);
    if (first !== undefined) throw new ValidationError(`deployments.${i}: the same provider and upstream model as deployments.${first}.`, `deployments.${i}.upstreamModel`);
    seen.set(pair, i);
  });
}

/** Fallbacks and router candidates must be other models of the organization; a candidate may not be a router. */
async function assertModelNames(client: DbClient, orgId: string, self: string, input: PutRoutingInput): Promise<void> {
  const names = [...input.fallbackModels, ...(input.router?.candidates ?? [])];
  const rows = names.length ? await client.model.findMany({ where: { orgId, name: { in: names } }, select: { name: true, router: true } }) : [];
  const byName = new Map(rows.map((r) => [r.name, r]));
  const check = (field: string, list: readonly string[], allowRouter: boolean) =>
    list.forEach((name, i) => {
      const at = `${field}.${i}`;
      if (name === self) throw new ValidationError(`${at}: a model cannot name itself.`, at);
      const row = byName.get(name);
      if (!row) throw new ValidationError(`${at}: unknown model ${name}.`, at);
      if (!allowRouter && row.router !== null) throw new ValidationError(`${at}: ${name} is an auto router; candidates must be models with deployments.`, at);
      if (list.indexOf(name) !== i) throw new ValidationError(`${at}: ${name} is listed twice.`, at);
    });
  check("fallbackModels", input.fallbackModels, false);
  if (input.router) {
    check("router.candidates", input.router.candidates, false);
    validateRules(input.router);
  }
}

function validateRules(router: RouterConfig): void {
  const candidates = new Set(router.candidates);
  router.rules.forEach((rule, r) =>
    rule.use.forEach((name, i) => {
      if (!candidates.has(name)) throw new ValidationError(`router.rules.${r}.use.${i}: ${name} is not one of the router's candidates.`, `router.rules.${r}.use.${i}`);
    }),
  );
}

function deploymentData(input: DeploymentInput, position: number) {
  return {
    providerId: input.providerId,
    upstreamModel: input.upstreamModel,
    weight: input.weight,
    priority: input.priority,
    maxConcurrency: input.maxConcurrency ?? null,
    inputPricePerMTok: micros(input.inputPricePerMTok),
    outputPricePerMTok: micros(input.outputPricePerMTok),
    cachedPricePerMTok: micros(input.cachedPricePerMTok),
    cacheWritePricePerMTok: micros(input.cacheWritePricePerMTok),
    position,
  };
}

/** PUT /api/admin/models/{id}/routing: replaces the routing; deployments not listed are removed. */
export async function putRouting(options: { orgId: string; modelId: string; input: PutRoutingInput }): Promise<Routing> {
  const { orgId, modelId, input } = options;
  const model = await db().model.findFirst({ where: { id: modelId, orgId }, select: { id: true, name: true } });
  if (!model) return getRoutingOrThrow({ orgId, modelId }); // the 404
  if (input.router && input.deployments.length > 0) {
    throw new ValidationError("deployments: an auto router has no deployments of its own (send an empty list).", "deployments");
  }
  await assertProviders(db(), orgId, input.deployments);
  await assertModelNames(db(), orgId, model.name, input);

  await db().$transaction(async (tx) => {
    const existing = await tx.deployment.findMany({ where: { modelId }, select: { id: true, providerId: true, upstreamModel: true } });
    const unclaimed = new Map(existing.map((d) => [d.id, d]));
    const claims = input.deployments.map((d, i) => {
      if (d.id !== undefined) {
        if (!unclaimed.has(d.id)) throw new ValidationError(`deployments.${i}.id: ${d.id} is not a deployment of this model.`, `deployments.${i}.id`);
        unclaimed.delete(d.id);
        return d.id;
      }
      return null;
    });
    // Without an id, an existing deployment of the same provider and upstream model is kept.
    input.deployments.forEach((d, i) => {
      if (claims[i] !== null) return;
      const match = [...unclaimed.values()].find((e) => e.providerId === d.providerId && e.upstreamModel === d.upstreamModel);
      if (match) {
        claims[i] = match.id;
        unclaimed.delete(match.id);
      }
    });
    if (unclaimed.size > 0) await tx.deployment.deleteMany({ where: { id: { in: [...unclaimed.keys()] } } });
    for (const [i, d] of input.deployments.entries()) {
      const id = claims[i];
      if (id) await tx.deployment.update({ where: { id }, data: { ...deploymentData(d, i), ...(d.state ? { state: d.state } : {}) } });
      else await tx.deployment.create({ data: { orgId, modelId, ...deploymentData(d, i), state: d.state ?? "active" } });
    }
    await tx.model.update({
      where: { id: modelId },
      data: {
        routingStrategy: input.strategy,
        maxRetries: input.maxRetries,
        fallbackModels: JSON.stringify(input.fallbackModels),
        timeoutMs: input.timeoutMs,
        queueTimeoutMs: input.queueTimeoutMs,
        router: input.router ? JSON.stringify(input.router) : null,
      },
    });
    await refreshPrimaryDeployment(tx, modelId);
  });
  await publishCatalogChanged();
  return getRoutingOrThrow({ orgId, modelId });
}

/** PATCH /api/admin/deployments/{id}: drain, disable, re-activate, reweigh or reprice one deployment. */
export async function patchDeployment(options: { orgId: string; id: string; input: PatchDeploymentInput }): Promise<Deployment> {
  const { orgId, id, input } = options;
  const before = await getDeploymentOrThrow({ orgId, id });
  const { inputPricePerMTok, outputPricePerMTok, cachedPricePerMTok, cacheWritePricePerMTok, ...rest } = input;
  await db().$transaction(async (tx) => {
    await tx.deployment.update({
      where: { id },
      data: {
        ...rest,
        ...(inputPricePerMTok !== undefined ? { inputPricePerMTok: micros(inputPricePerMTok) } : {}),
        ...(outputPricePerMTok !== undefined ? { outputPricePerMTok: micros(outputPricePerMTok) } : {}),
        ...(cachedPricePerMTok !== undefined ? { cachedPricePerMTok: micros(cachedPricePerMTok) } : {}),
        ...(cacheWritePricePerMTok !== undefined ? { cacheWritePricePerMTok: micros(cacheWritePricePerMTok) } : {}),
      },
    });
    if (rest.priority !== undefined || rest.upstreamModel !== undefined) await refreshPrimaryDeployment(tx, before.modelId);
  });
  await publishCatalogChanged();
  return getDeploymentOrThrow({ orgId, id });
}
