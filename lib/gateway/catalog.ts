// The model table the proxy routes by: public model name -> its deployments (provider, upstream model,
// credential decrypted once, price), routing settings and price; an auto router's candidates. Held in
// memory, reloaded when an admin changes providers, models or routing ("catalog-changed" on the
// SharedStore) and every minute as a safety net. Each load tells the health registry which
// deployments exist (lib/routing/health-registry.ts).
import { decryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { db } from "../db";
import { logger } from "../logger";
import { routerConfigSchema, type RouterConfig } from "../routing/auto-router";
import { healthRegistry } from "../routing/health-registry";
import { routingSettings } from "../routing/routing-settings";
import { ROUTING_STRATEGIES, type DeploymentAdminState, type RoutePrice, type RoutingStrategy } from "../routing/types";
import { sharedStore } from "../store";
import { startCatalogProbes } from "./catalog-probes";
import type { CatalogDeployment, CatalogModel, CatalogRouter } from "./catalog-types";
import type { ProviderKind } from "./types";

interface CatalogTable {
  models: Map<string, CatalogModel>;
  routers: Map<string, CatalogRouter>;
}

const REFRESH_EVERY_MS = 60_000;

type ModelRow = Awaited<ReturnType<typeof readModels>>[number];

function readModels() {
  return db().model.findMany({
    where: { enabled: true, OR: [{ deployments: { some: {} } }, { router: { not: null } }] },
    include: { deployments: { include: { provider: { omit: { encryptedApiKey: false } } }, orderBy: [{ priority: "asc" }, { position: "asc" }, { createdAt: "asc" }] } },
  });
}

function parseNames(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function parseRouter(row: ModelRow): RouterConfig | null {
  if (row.router === null) return null;
  try {
    return routerConfigSchema.parse(JSON.parse(row.router));
  } catch {
    logger().error({ model: row.name }, "the auto router's configuration is not valid; the router is not served");
    return null;
  }
}

const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

function toCatalogModel(row: ModelRow, credential: (providerId: string, sealed: string, name: string) => string | null): CatalogModel | null {
  const settings = routingSettings();
  const timeoutMs = row.timeoutMs ?? settings.defaultTimeoutMs;
  const price: RoutePrice = {
    inputPerMTok: row.inputPricePerMTok, outputPerMTok: row.outputPricePerMTok, cachedPerMTok: row.cachedPricePerMTok, cacheWritePerMTok: row.cacheWritePricePerMTok,
  };
  const worstPrice: RoutePrice = { ...price };
  const deployments: CatalogDeployment[] = [];
  for (const d of row.deployments) {
    const apiKey = credential(d.provider.id, d.provider.encryptedApiKey, d.provider.name);
    // A credential that cannot be decrypted leaves that deployment out; the others still serve.
    if (apiKey === null) continue;
    const deploymentPrice: RoutePrice = {
      inputPerMTok: d.inputPricePerMTok ?? price.inputPerMTok,
      outputPerMTok: d.outputPricePerMTok ?? price.outputPerMTok,
      cachedPerMTok: d.cachedPricePerMTok ?? price.cachedPerMTok,
      cacheWritePerMTok: d.cacheWritePricePerMTok ?? price.cacheWritePerMTok,
    };
    worstPrice.inputPerMTok = maxBig(worstPrice.inputPerMTok, deploymentPrice.inputPerMTok);
    worstPrice.outputPerMTok = maxBig(worstPrice.outputPerMTok, deploymentPrice.outputPerMTok);
    if (deploymentPrice.cacheWritePerMTok != null) worstPrice.cacheWritePerMTok = maxBig(worstPrice.cacheWritePerMTok ?? 0n, deploymentPrice.cacheWritePerMTok);
    const kind = d.provider.kind as ProviderKind;
    deployments.push({
      id: d.id,
      providerId: d.provider.id,
      providerName: d.provider.name,
      upstreamModel: d.upstreamModel,
      weight: d.weight,
      priority: d.priority,
      position: d.position,
      maxConcurrency: d.maxConcurrency,
      state: d.state as DeploymentAdminState,
      price: deploymentPrice,
      kind,
      target: { providerId: d.provider.id, kind, baseUrl: d.provider.baseUrl, apiKey, upstreamModel: d.upstreamModel, timeoutMs },
    });
  }
  if (deployments.length === 0) return null;
  return {
    modelId: row.id,
    name: row.name,
    orgId: row.orgId,
    strategy: (ROUTING_STRATEGIES as readonly string[]).includes(row.routingStrategy) ? (row.routingStrategy as RoutingStrategy) : "priority",
    maxRetries: row.maxRetries,
    fallbackModels: parseNames(row.fallbackModels),
    queueTimeoutMs: row.queueTimeoutMs ?? settings.queueTimeoutMs,
    contextWindow: row.contextWindow,
    maxOutputTokens: row.maxOutputTokens,
    deployments,
    target: deployments[0].target,
    price,
    worstPrice,
    timeoutMs,
  };
}

async function loadCatalog(): Promise<CatalogTable> {
  const rows = await readModels();
  const secret = tollgateSecret();
  const credentials = new Map<string, string | null>();
  const credential = (providerId: string, sealed: string, name: string): string | null => {
    if (credentials.has(providerId)) return credentials.get(providerId)!;
    let apiKey: string | null = null;
    try {
      apiKey = decryptSecret(sealed, secret);
    } catch {
      // A credential sealed with another TOLLGATE_SECRET: its deployments stay unroutable, loudly.
      logger().error({ provider: name }, "cannot decrypt the provider's credential; is TOLLGATE_SECRET right? Its deployments are not served");
    }
    credentials.set(providerId, apiKey);
    return apiKey;
  };
  const models = new Map<string, CatalogModel>();
  const routers = new Map<string, CatalogRouter>();
  for (const row of rows) {
    const key = `${row.orgId}\u0000${row.name}`;
    const router = parseRouter(row);
    if (router) {
      routers.set(key, { modelId: row.id, name: row.name, orgId: row.orgId, router });
      continue;
    }
    const model = toCatalogModel(row, credential);
    if (model) models.set(key, model);
  }
  // Before the table is served: its first call must not go to a deployment already ejected elsewhere.
  await healthRegistry().register(
    [...models.values()].flatMap((m) => m.deployments.map((d) => ({ id: d.id, orgId: m.orgId, modelName: m.name, providerName: d.providerName }))),
  );
  return { models, routers };
}

class Catalog {
  private table: CatalogTable | null = null;
  private loading: Promise<CatalogTable> | null = null;
  private loadedAt = 0;
  /** bumped by every invalidation: a table loaded before one is stale, and so is a load that started before it */
  private generation = 0;
  private tableGeneration = -1;
  private loadingGeneration = -1;

  private reload(): Promise<CatalogTable> {
    if (this.loading && this.loadingGeneration === this.generation) return this.loading;
    const generation = this.generation;
    this.loadingGeneration = generation;
    const loading = loadCatalog()
      .then((table) => {
        if (generation >= this.tableGeneration) {
          this.table = table;
          this.tableGeneration = generation;
          this.loadedAt = Date.now();
        }
        return table;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }

  /**
   * The table when it is loaded and no invalidation came since (one past its minute is refreshed in
   * the background meanwhile); null when it must be loaded first.
   */
  private ready(): CatalogTable | null {
    if (!this.table || this.tableGeneration !== this.generation) return null;
    if (Date.now() - this.loadedAt > REFRESH_EVERY_MS) void this.reload().catch(() => {});
    return this.table;
  }

  /** Never awaits the database once loaded: a stale table is refreshed in the background. */
  async current(): Promise<CatalogTable> {
    return this.ready() ?? this.reload();
  }

  /**
   * What `find` and `router` would answer, without an await, when the table is current (almost every
   * call): `{ model }` or `{ router }` or `{}` for an unknown name. null: the table must be loaded
   * first, so use those.
   */
  lookupNow(orgId: string, name: string): { model?: CatalogModel; router?: CatalogRouter } | null {
    const table = this.ready();
    if (!table) return null;
    const key = `${orgId}\u0000${name}`;
    const router = table.routers.get(key);
    return router ? { router } : { model: table.models.get(key) };
  }

  /** A model with deployments (an auto router's name is not one: see `router`). */
  async find(orgId: string, name: string): Promise<CatalogModel | undefined> {
    return (await this.current()).models.get(`${orgId}\u0000${name}`);
  }

  async router(orgId: string, name: string): Promise<CatalogRouter | undefined> {
    return (await this.current()).routers.get(`${orgId}\u0000${name}`);
  }

  /** The model from the table as loaded (fallbacks, a router's candidates): no load, no await. */
  loaded(orgId: string, name: string): CatalogModel | undefined {
    return this.table?.models.get(`${orgId}\u0000${name}`);
  }

  async list(orgId: string): Promise<CatalogModel[]> {
    return [...(await this.current()).models.values()].filter((m) => m.orgId === orgId);
  }

  async listRouters(orgId: string): Promise<CatalogRouter[]> {
    return [...(await this.current()).routers.values()].filter((r) => r.orgId === orgId);
  }

  invalidate(): void {
    this.generation += 1;
  }
}

const globalForCatalog = globalThis as unknown as { tollgateCatalog?: Catalog };

export function catalog(): Catalog {
  if (!globalForCatalog.tollgateCatalog) {
    const instance = new Catalog();
    globalForCatalog.tollgateCatalog = instance;
    // A change missed while the channel was down is caught up when it resyncs (and by the minute's refresh).
    void sharedStore().subscribe("catalog-changed", () => instance.invalidate(), () => instance.invalidate());
    startCatalogProbes(async () => (await instance.current()).models.values());
  }
  return globalForCatalog.tollgateCatalog;
}
