// Reading a model's routing and its deployments, prices in dollars per 1M tokens.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { routerConfigSchema } from "../routing/auto-router";
import type { DeploymentAdminState, RoutingStrategy } from "../routing/types";
import { microsToDollars } from "../usage/money";
import type { Deployment, Routing } from "./routing-schemas";

export const deploymentSelect = {
  id: true,
  modelId: true,
  model: { select: { name: true } },
  providerId: true,
  provider: { select: { name: true, kind: true } },
  upstreamModel: true,
  weight: true,
  priority: true,
  maxConcurrency: true,
  inputPricePerMTok: true,
  outputPricePerMTok: true,
  cachedPricePerMTok: true,
  cacheWritePricePerMTok: true,
  state: true,
  position: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const DEPLOYMENT_ORDER = [{ priority: "asc" }, { position: "asc" }, { createdAt: "asc" }] as const;

type DeploymentRow = {
  id: string;
  modelId: string;
  model: { name: string };
  providerId: string;
  provider: { name: string; kind: string };
  upstreamModel: string;
  weight: number;
  priority: number;
  maxConcurrency: number | null;
  inputPricePerMTok: bigint | null;
  outputPricePerMTok: bigint | null;
  cachedPricePerMTok: bigint | null;
  cacheWritePricePerMTok: bigint | null;
  state: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
};

const dollars = (micros: bigint | null) => (micros === null ? null : microsToDollars(micros));

export function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    modelId: row.modelId,
    model: row.model.name,
    providerId: row.providerId,
    providerName: row.provider.name,
    providerKind: row.provider.kind as Deployment["providerKind"],
    upstreamModel: row.upstreamModel,
    weight: row.weight,
    priority: row.priority,
    maxConcurrency: row.maxConcurrency,
    inputPricePerMTok: dollars(row.inputPricePerMTok),
    outputPricePerMTok: dollars(row.outputPricePerMTok),
    cachedPricePerMTok: dollars(row.cachedPricePerMTok),
    cacheWritePricePerMTok: dollars(row.cacheWritePricePerMTok),
    state: row.state as DeploymentAdminState,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function parseStored<T>(text: string | null, parse: (value: unknown) => T, fallback: T): T {
  if (text === null) return fallback;
  try {
    return parse(JSON.parse(text));
  } catch {
    return fallback;
  }
}

export async function getRoutingOrThrow(options: { orgId: string; modelId: string; client?: DbClient }): Promise<Routing> {
  const client = options.client ?? db();
  const model = await client.model.findFirst({
    where: { id: options.modelId, orgId: options.orgId },
    select: {
      id: true, name: true, routingStrategy: true, maxRetries: true, fallbackModels: true, timeoutMs: true, queueTimeoutMs: true, router: true,
      deployments: { select: deploymentSelect, orderBy: [...DEPLOYMENT_ORDER] },
    },
  });
  if (!model) throw new NotFoundError(`Model ${options.modelId} not found.`);
  return {
    modelId: model.id,
    model: model.name,
    strategy: model.routingStrategy as RoutingStrategy,
    maxRetries: model.maxRetries,
    fallbackModels: parseStored(model.fallbackModels, (v) => (Array.isArray(v) ? v.map(String) : []), []),
    timeoutMs: model.timeoutMs,
    queueTimeoutMs: model.queueTimeoutMs,
    router: parseStored(model.router, (v) => routerConfigSchema.parse(v), null),
    deployments: model.deployments.map(toDeployment),
  };
}

export async function getDeploymentOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<Deployment> {
  const client = options.client ?? db();
  const row = await client.deployment.findFirst({ where: { id: options.id, orgId: options.orgId }, select: deploymentSelect });
  if (!row) throw new NotFoundError(`Deployment ${options.id} not found.`);
  return toDeployment(row);
}
