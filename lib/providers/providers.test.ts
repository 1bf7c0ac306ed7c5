import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createProvider, deleteProvider, updateProvider } from "./provider-mutations";
import { getProviderCredential } from "./provider-credential";
import { getProviderOrThrow, listProviders } from "./provider-queries";
import { createProviderSchema } from "./schemas";

let orgId: string;
let catalogChanges = 0;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  await sharedStore().subscribe("catalog-changed", () => catalogChanges++);
});

describe("provider data functions", () => {
  it("encrypts the API key at rest and decrypts it only through getProviderCredential", async () => {
    const before = catalogChanges;
    const provider = await createProvider({ orgId, input: { name: `OpenAI ${uniqueSuffix()}`, kind: "openai", apiKey: "sk-secret-1" } });
    expect(provider).toMatchObject({ kind: "openai", baseUrl: null, hasApiKey: true, modelCount: 0 });
    expect(JSON.stringify(provider)).not.toContain("sk-secret-1");
    await vi.waitFor(() => expect(catalogChanges).toBeGreaterThanOrEqual(before + 1));

    const row = await db().provider.findUniqueOrThrow({ where: { id: provider.id }, omit: { encryptedApiKey: false } });
    expect(row.encryptedApiKey).toMatch(/^v1:/);
    expect(row.encryptedApiKey).not.toContain("sk-secret-1");
    expect(await getProviderCredential(provider.id)).toBe("sk-secret-1");

    await updateProvider({ orgId, id: provider.id, input: { apiKey: "sk-secret-2" } });
    expect(await getProviderCredential(provider.id)).toBe("sk-secret-2");
    await expect(getProviderCredential("missing")).rejects.toMatchObject({ status: 404 });
  });

  it("requires an http(s) baseUrl for openai-compatible providers", async () => {
    const parse = (body: unknown) => createProviderSchema.safeParse(body);
    expect(parse({ name: "vllm", kind: "openai-compatible", apiKey: "x" }).error?.issues[0].path).toEqual(["baseUrl"]);
    expect(parse({ name: "vllm", kind: "openai-compatible", apiKey: "x", baseUrl: "ftp://h/v1" }).success).toBe(false);
    expect(parse({ name: "vllm", kind: "openai-compatible", apiKey: "x", baseUrl: "http://localhost:8000/v1/" }).data?.baseUrl).toBe(
      "http://localhost:8000/v1",
    );

    const provider = await createProvider({
      orgId,
      input: { name: `Groq ${uniqueSuffix()}`, kind: "openai-compatible", baseUrl: "https://api.groq.com/openai/v1", apiKey: "gsk" },
    });
    await expect(updateProvider({ orgId, id: provider.id, input: { baseUrl: null } })).rejects.toMatchObject({ status: 422, param: "baseUrl" });
  });

  it("counts models, rejects duplicate names and keeps models on delete", async () => {
    const name = `Anthropic ${uniqueSuffix()}`;
    const provider = await createProvider({ orgId, input: { name, kind: "anthropic", apiKey: "k" } });
    const model = await db().model.create({ data: { orgId, name: `claude-${uniqueSuffix()}`, upstreamModel: "c", providerId: provider.id } });
    expect((await getProviderOrThrow({ orgId, id: provider.id })).modelCount).toBe(1);
    expect((await listProviders({ orgId, query: { q: name, page: 1, pageSize: 10 } })).total).toBe(1);
    await expect(createProvider({ orgId, input: { name, kind: "anthropic", apiKey: "k" } })).rejects.toMatchObject({ status: 409 });

    await deleteProvider({ orgId, id: provider.id });
    expect((await db().model.findUniqueOrThrow({ where: { id: model.id } })).providerId).toBeNull();
  });
});
