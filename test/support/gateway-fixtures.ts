// Creates what a proxied call needs — provider, models, user, key — with random names, straight
// through the database so gateway tests do not depend on the admin API.
import { generateApiKey } from "@/lib/crypto/api-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { tollgateSecret } from "@/lib/crypto/tollgate-secret";
import { db } from "@/lib/db";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { sharedStore } from "@/lib/store";
import type { ProviderKind } from "@/lib/gateway/types";
import { uniqueSuffix } from "./test-ids";

export async function createProviderWithModel(opts: {
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string;
  upstreamModel?: string;
  inputPerMTok?: bigint;
  outputPerMTok?: bigint;
  /** default: the default organization */
  orgId?: string;
  /**
   * Retries after a failed attempt (lib/routing). 0 by default here: tests that inject a fault into one
   * call (a prompt directive) see exactly the one attempt; the routing tests ask for retries.
   */
  maxRetries?: number;
}): Promise<{ providerId: string; modelName: string }> {
  const orgId = opts.orgId ?? (await ensureDefaultOrg());
  const suffix = uniqueSuffix();
  const provider = await db().provider.create({
    data: { orgId, name: `${opts.kind}-${suffix}`, kind: opts.kind, baseUrl: opts.baseUrl, encryptedApiKey: encryptSecret(opts.apiKey, tollgateSecret()) },
  });
  const modelName = `${opts.kind}-model-${suffix}`;
  const upstreamModel = opts.upstreamModel ?? "upstream-model";
  // A model is served through its deployments (lib/routing); this one has one, on the provider.
  await db().model.create({
    data: {
      orgId, name: modelName, providerId: provider.id, upstreamModel,
      inputPricePerMTok: opts.inputPerMTok ?? 2_000_000n, outputPricePerMTok: opts.outputPerMTok ?? 8_000_000n,
      maxRetries: opts.maxRetries ?? 0,
      deployments: { create: { orgId, providerId: provider.id, upstreamModel } },
    },
  });
  await sharedStore().publish("catalog-changed", "");
  return { providerId: provider.id, modelName };
}

export async function createUserWithKey(opts: { models?: string[]; expiresAt?: Date; tier?: string; orgId?: string } = {}) {
  const orgId = opts.orgId ?? (await ensureDefaultOrg());
  const suffix = uniqueSuffix();
  const team = await db().team.create({ data: { orgId, name: `team-${suffix}` } });
  const user = await db().user.create({ data: { orgId, email: `dev-${suffix}@example.test`, name: `Dev ${suffix}`, teamId: team.id, ...(opts.tier ? { tier: opts.tier } : {}) } });
  const { key, hash, prefix } = generateApiKey();
  const apiKey = await db().apiKey.create({
    data: {
      orgId, userId: user.id, teamId: team.id, name: `key-${suffix}`, keyHash: hash, prefix,
      models: JSON.stringify(opts.models ?? []), expiresAt: opts.expiresAt ?? null,
    },
  });
  return { key, keyId: apiKey.id, userId: user.id, teamId: team.id };
}
