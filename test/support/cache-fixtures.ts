// A world of its own for response cache tests: an organization (so turning its cache on changes
// nothing for other test files sharing the database), a provider and models on the fake upstream,
// and keys in two teams.
import { generateApiKey } from "@/lib/crypto/api-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { tollgateSecret } from "@/lib/crypto/tollgate-secret";
import { db } from "@/lib/db";
import { sharedStore } from "@/lib/store";
import { updateCacheSettings } from "@/lib/cache/settings-mutations";
import type { UpdateCacheSettings } from "@/lib/cache/schemas";
import { uniqueSuffix } from "./test-ids";

export interface CacheWorld {
  orgId: string;
  model: string;
  embeddingModel: string;
  teams: { teamId: string; userId: string; key: string; keyId: string }[];
}

export async function createCacheWorld(upstreamUrl: string): Promise<CacheWorld> {
  const suffix = uniqueSuffix();
  const org = await db().organization.create({ data: { name: `cache-org-${suffix}` } });
  const provider = await db().provider.create({
    data: { orgId: org.id, name: `cache-upstream-${suffix}`, kind: "openai-compatible", baseUrl: `${upstreamUrl}/v1`, encryptedApiKey: encryptSecret("sk-upstream", tollgateSecret()) },
  });
  const model = `cache-chat-${suffix}`;
  const embeddingModel = `cache-embed-${suffix}`;
  for (const name of [model, embeddingModel]) {
    await db().model.create({
      data: {
        orgId: org.id, name, providerId: provider.id, upstreamModel: "upstream-model", inputPricePerMTok: 2_000_000n, outputPricePerMTok: 8_000_000n,
        // One attempt per call: the cache tests inject faults into single calls (lib/routing retries otherwise).
        maxRetries: 0,
        deployments: { create: { orgId: org.id, providerId: provider.id, upstreamModel: "upstream-model" } },
      },
    });
  }
  await sharedStore().publish("catalog-changed", "");
  const teams = [];
  for (const name of ["alpha", "beta"]) {
    const team = await db().team.create({ data: { orgId: org.id, name: `${name}-${suffix}` } });
    teams.push({ teamId: team.id, ...(await addKey(org.id, team.id)) });
  }
  return { orgId: org.id, model, embeddingModel, teams };
}

export async function addKey(orgId: string, teamId: string, options: { cacheOptOut?: boolean } = {}) {
  const suffix = uniqueSuffix();
  const user = await db().user.create({ data: { orgId, email: `cache-${suffix}@example.test`, name: `Cache ${suffix}`, teamId } });
  const { key, hash, prefix } = generateApiKey();
  const apiKey = await db().apiKey.create({
    data: { orgId, userId: user.id, teamId, name: `cache-key-${suffix}`, keyHash: hash, prefix, models: "[]", cacheOptOut: options.cacheOptOut ?? false },
  });
  return { userId: user.id, key, keyId: apiKey.id };
}

/**
 * Turns settings on for a test. Answers are stored on their first miss unless the test says
 * otherwise: the tests of what is stored, served and evicted would otherwise each send every request
 * twice; the doorkeeper's own tests set `admission: "repeated"` (the default).
 */
export async function setCache(orgId: string, input: UpdateCacheSettings): Promise<void> {
  await updateCacheSettings({ orgId, input: { admission: "always", ...input } });
}
