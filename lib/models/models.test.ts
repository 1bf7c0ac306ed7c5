import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createProvider } from "../providers/provider-mutations";
import { createModel, deleteModel, updateModel } from "./model-mutations";
import { getModelOrThrow, listModels, listPlaygroundModels } from "./model-queries";
import { PRICE_LIST } from "./price-list";
import { seedPriceList } from "./seed-price-list";

let orgId: string;
let catalogChanges = 0;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  await sharedStore().subscribe("catalog-changed", () => catalogChanges++);
});

const base = { upstreamModel: "up", inputPricePerMTok: 2.5, outputPricePerMTok: 10, enabled: true };

describe("model data functions", () => {
  it("stores prices as micro-dollars and returns dollars", async () => {
    const before = catalogChanges;
    const model = await createModel({ orgId, input: { ...base, name: `m-${uniqueSuffix()}`, cachedPricePerMTok: 1.25, contextWindow: 128000 } });
    expect(model).toMatchObject({ inputPricePerMTok: 2.5, outputPricePerMTok: 10, cachedPricePerMTok: 1.25, providerId: null, providerName: null });
    const row = await db().model.findUniqueOrThrow({ where: { id: model.id } });
    expect(row.inputPricePerMTok).toBe(2_500_000n);
    expect(row.cachedPricePerMTok).toBe(1_250_000n);
    await vi.waitFor(() => expect(catalogChanges).toBeGreaterThanOrEqual(before + 1));

    const repriced = await updateModel({ orgId, id: model.id, input: { outputPricePerMTok: 0.000001, cachedPricePerMTok: null, cacheWritePricePerMTok: 3.125 } });
    expect(repriced).toMatchObject({ outputPricePerMTok: 0.000001, cachedPricePerMTok: null, cacheWritePricePerMTok: 3.125, inputPricePerMTok: 2.5 });
    expect((await db().model.findUniqueOrThrow({ where: { id: model.id } })).cacheWritePricePerMTok).toBe(3_125_000n);
    expect(await updateModel({ orgId, id: model.id, input: { cacheWritePricePerMTok: null } })).toMatchObject({ cacheWritePricePerMTok: null });
    await vi.waitFor(() => expect(catalogChanges).toBeGreaterThanOrEqual(before + 2));
  });

  it("attaches a provider, rejects unknown providers (422) and duplicate names (409)", async () => {
    const provider = await createProvider({ orgId, input: { name: `P ${uniqueSuffix()}`, kind: "openai", apiKey: "k" } });
    const name = `m-${uniqueSuffix()}`;
    const model = await createModel({ orgId, input: { ...base, name } });
    const attached = await updateModel({ orgId, id: model.id, input: { providerId: provider.id } });
    expect(attached).toMatchObject({ providerId: provider.id, providerName: provider.name, providerKind: "openai" });

    await expect(createModel({ orgId, input: { ...base, name: `m-${uniqueSuffix()}`, providerId: "nope" } })).rejects.toMatchObject({
      status: 422,
      param: "providerId",
    });
    await expect(createModel({ orgId, input: { ...base, name } })).rejects.toMatchObject({ status: 409, param: "name" });
  });

  it("lists filtered models and the playground's routable ones", async () => {
    const provider = await createProvider({ orgId, input: { name: `PG ${uniqueSuffix()}`, kind: "anthropic", apiKey: "k" } });
    const tag = uniqueSuffix();
    const routable = await createModel({ orgId, input: { ...base, name: `pg-${tag}-a`, providerId: provider.id } });
    const disabled = await createModel({ orgId, input: { ...base, name: `pg-${tag}-b`, providerId: provider.id, enabled: false } });
    const unattached = await createModel({ orgId, input: { ...base, name: `pg-${tag}-c` } });

    const filtered = await listModels({ orgId, query: { q: `pg-${tag}`, enabled: true, page: 1, pageSize: 10 } });
    expect(filtered.data.map((m) => m.id).sort()).toEqual([routable.id, unattached.id].sort());

    const playground = (await listPlaygroundModels({ orgId })).data.map((m) => m.id);
    expect(playground).toContain(routable.id);
    expect(playground).not.toContain(disabled.id);
    expect(playground).not.toContain(unattached.id);

    await deleteModel({ orgId, id: routable.id });
    await expect(getModelOrThrow({ orgId, id: routable.id })).rejects.toMatchObject({ status: 404 });
  });
});

describe("seedPriceList", () => {
  it("seeds an empty catalog once, with unattached models", async () => {
    const org = await db().organization.create({ data: { name: `Seed ${uniqueSuffix()}` } });
    expect(await seedPriceList({ orgId: org.id, enabled: false })).toBe(0);
    expect(await seedPriceList({ orgId: org.id, enabled: true })).toBe(PRICE_LIST.length);
    expect(await seedPriceList({ orgId: org.id, enabled: true })).toBe(0);

    const sonnet = await db().model.findFirstOrThrow({ where: { orgId: org.id, name: "claude-sonnet-4-5" } });
    expect(sonnet).toMatchObject({ providerId: null, inputPricePerMTok: 3_000_000n, outputPricePerMTok: 15_000_000n, cacheWritePricePerMTok: 3_750_000n, contextWindow: 200_000 });
    const gpt = await db().model.findFirstOrThrow({ where: { orgId: org.id, name: "gpt-4o" } });
    expect(gpt.cacheWritePricePerMTok).toBeNull();
    expect(await db().model.count({ where: { orgId: org.id } })).toBe(PRICE_LIST.length);
  });

  it("covers the expected model families with sane numbers", () => {
    const names = PRICE_LIST.map((e) => e.name);
    for (const expected of ["gpt-4o", "gpt-4.1-nano", "o3", "o4-mini", "text-embedding-3-large", "claude-opus-4-1", "claude-3-5-haiku", "gemini-2.0-flash"]) {
      expect(names).toContain(expected);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const entry of PRICE_LIST) {
      expect(entry.input).toBeGreaterThan(0);
      expect(entry.cached === null || entry.cached < entry.input).toBe(true);
    }
  });
});
