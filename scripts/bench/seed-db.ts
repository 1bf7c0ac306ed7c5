// Fallback for the benchmark setup when the admin API does not answer: creates the provider, model,
// user and key straight through the database with the test fixtures, then prints them as one JSON
// line. Run with `npx tsx scripts/bench/seed-db.ts <upstreamBaseUrl>` and the server's DATABASE_URL
// and TOLLGATE_SECRET. The running server finds the new model on its first catalog load.
import { createProviderWithModel, createUserWithKey } from "../../test/support/gateway-fixtures";

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  if (!baseUrl) throw new Error("usage: seed-db.ts <upstreamBaseUrl>");
  const { modelName } = await createProviderWithModel({ kind: "openai-compatible", baseUrl, apiKey: "sk-bench", upstreamModel: "gpt-4o-mini" });
  // enterprise: no tier quota (the free tier's 1,000 calls a day would refuse most of the run)
  const { key } = await createUserWithKey({ tier: "enterprise" });
  process.stdout.write(`${JSON.stringify({ model: modelName, key })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seed-db failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
