// Fallback for the benchmark setup when the admin API does not answer: creates the provider, model,
// user and key straight through the database with the test fixtures, then prints them as one JSON
// line. Run with `npx tsx scripts/bench/seed-db.ts <upstreamBaseUrl> [<largePromptUpstreamBaseUrl>]` and the server's DATABASE_URL
// and TOLLGATE_SECRET. The running server finds the new model on its first catalog load, and the
// key's quota on its first load of the quota rules (no proxy call has happened yet). Governance
// stays on, as with the admin API (setup.mjs): without the quota the run would skip prompt counting,
// reservation and settlement, and its numbers would not compare with the others.
import { ensureDefaultOrg } from "../../lib/org/default-org";
import { upsertQuota } from "../../lib/quotas/quota-mutations";
import { createProviderWithModel, createUserWithKey } from "../../test/support/gateway-fixtures";

async function main(): Promise<void> {
  // A second upstream, when given, gets a provider and model of its own (the large-prompt scenario
  // sends its large prompts there, so the small calls' upstream is not slowed by them).
  const [baseUrl, largeBaseUrl] = process.argv.slice(2);
  if (!baseUrl) throw new Error("usage: seed-db.ts <upstreamBaseUrl> [<upstreamBaseUrlForLargePrompts>]");
  const { modelName } = await createProviderWithModel({ kind: "openai-compatible", baseUrl, apiKey: "sk-bench", upstreamModel: "gpt-4o-mini" });
  const large = largeBaseUrl
    ? (await createProviderWithModel({ kind: "openai-compatible", baseUrl: largeBaseUrl, apiKey: "sk-bench", upstreamModel: "gpt-4o-mini" })).modelName
    : undefined;
  // enterprise: no tier quota (the free tier's 1,000 calls a day would refuse most of the run)
  const { key, keyId } = await createUserWithKey({ tier: "enterprise" });
  // The same quota as setup.mjs gives the key: far above what the bench sends.
  await upsertQuota({ orgId: await ensureDefaultOrg(), input: { scope: "key", scopeId: keyId, period: "daily", maxCalls: 100_000_000, maxCost: 1_000_000 } });
  process.stdout.write(`${JSON.stringify({ model: modelName, key, largeModel: large })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seed-db failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
