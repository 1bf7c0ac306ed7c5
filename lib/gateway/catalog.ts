// The model table the proxy routes by: public model name -> upstream target and price. Held in
// memory (credentials decrypted once), reloaded when an admin changes providers or models
// ("catalog-changed" on the SharedStore) and every minute as a safety net.
import { decryptSecret } from "../crypto/secret-box";
import { tollgateSecret } from "../crypto/tollgate-secret";
import { db } from "../db";
import { env } from "../env";
import { sharedStore } from "../store";
import type { ProviderKind, UpstreamTarget } from "./types";

export interface CatalogModel {
  modelId: string;
  name: string;
  orgId: string;
  target: UpstreamTarget;
  price: { inputPerMTok: bigint; outputPerMTok: bigint; cachedPerMTok: bigint | null };
  contextWindow: number | null;
  maxOutputTokens: number | null;
}

const REFRESH_EVERY_MS = 60_000;

async function loadCatalog(): Promise<Map<string, CatalogModel>> {
  const rows = await db().model.findMany({
    where: { enabled: true, providerId: { not: null } },
    include: { provider: { omit: { encryptedApiKey: false } } },
  });
  const secret = tollgateSecret();
  const timeoutMs = env().GATEWAY_UPSTREAM_TIMEOUT_MS;
  const table = new Map<string, CatalogModel>();
  for (const row of rows) {
    if (!row.provider) continue;
    let apiKey: string;
    try {
      apiKey = decryptSecret(row.provider.encryptedApiKey, secret);
    } catch {
      // A credential sealed with another TOLLGATE_SECRET: the model stays unroutable, loudly.
      console.error(`[tollgate] cannot decrypt the credential of provider "${row.provider.name}"; is TOLLGATE_SECRET right?`);
      continue;
    }
    table.set(`${row.orgId}\u0000${row.name}`, {
      modelId: row.id,
      name: row.name,
      orgId: row.orgId,
      target: {
        providerId: row.provider.id,
        kind: row.provider.kind as ProviderKind,
        baseUrl: row.provider.baseUrl,
        apiKey,
        upstreamModel: row.upstreamModel,
        timeoutMs,
      },
      price: {
        inputPerMTok: row.inputPricePerMTok,
        outputPerMTok: row.outputPricePerMTok,
        cachedPerMTok: row.cachedPricePerMTok,
      },
      contextWindow: row.contextWindow,
      maxOutputTokens: row.maxOutputTokens,
    });
  }
  return table;
}

class Catalog {
  private table: Map<string, CatalogModel> | null = null;
  private loading: Promise<Map<string, CatalogModel>> | null = null;
  private loadedAt = 0;

  private reload(): Promise<Map<string, CatalogModel>> {
    this.loading ??= loadCatalog()
      .then((table) => {
        this.table = table;
        this.loadedAt = Date.now();
        return table;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Never awaits the database once loaded: a stale table is refreshed in the background. */
  async current(): Promise<Map<string, CatalogModel>> {
    if (!this.table) return this.reload();
    if (Date.now() - this.loadedAt > REFRESH_EVERY_MS) void this.reload().catch(() => {});
    return this.table;
  }

  async find(orgId: string, name: string): Promise<CatalogModel | undefined> {
    return (await this.current()).get(`${orgId}\u0000${name}`);
  }

  async list(orgId: string): Promise<CatalogModel[]> {
    return [...(await this.current()).values()].filter((m) => m.orgId === orgId);
  }

  invalidate(): void {
    this.table = null;
  }
}

const globalForCatalog = globalThis as unknown as { tollgateCatalog?: Catalog };

export function catalog(): Catalog {
  if (!globalForCatalog.tollgateCatalog) {
    const instance = new Catalog();
    globalForCatalog.tollgateCatalog = instance;
    // A change missed while the channel was down is caught up when it resyncs (and by the minute's refresh).
    void sharedStore().subscribe("catalog-changed", () => instance.invalidate(), () => instance.invalidate());
  }
  return globalForCatalog.tollgateCatalog;
}
