// What a proxied call needs in Tollgate (provider -> fake upstream, model, developer, virtual key),
// created through the admin API with ADMIN_API_KEY, or straight in the database (scripts/bench/
// seed-db.ts) when the admin API does not answer. With `largeUpstreamBaseUrl`, a second provider and
// model for the large-prompt scenario (scripts/bench/large-prompts.mjs), on a fake upstream of its own.
//
// Governance stays on: the key gets a daily quota (calls and cost) far above what the bench sends,
// so every call pays for its reservation and settlement. The developer is on the `enterprise` tier,
// whose default quotas are none: the free tier's 1,000 calls a day would refuse most of the run.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request } from "undici";

async function adminPost(origin, adminKey, path, body, method = "POST") {
  const { statusCode, body: responseBody } = await request(`${origin}/api/admin/${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const text = await responseBody.text();
  if (statusCode < 200 || statusCode >= 300) throw new Error(`${method} /api/admin/${path} answered ${statusCode}: ${text.slice(0, 300) || "(empty body)"}`);
  return JSON.parse(text);
}

/** `label` "" or "-large": bench[-large]-fake-<suffix> and bench[-large]-model-<suffix>. */
async function providerWithModel(origin, adminKey, baseUrl, label, suffix) {
  const provider = await adminPost(origin, adminKey, "providers", { name: `bench${label}-fake-${suffix}`, kind: "openai-compatible", baseUrl, apiKey: "sk-bench" });
  return adminPost(origin, adminKey, "models", {
    name: `bench${label}-model-${suffix}`,
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    inputPricePerMTok: 0.15,
    outputPricePerMTok: 0.6,
  });
}

export async function setupViaAdminApi({ origin, adminKey, upstreamBaseUrl, largeUpstreamBaseUrl }) {
  const suffix = randomBytes(4).toString("hex");
  const model = await providerWithModel(origin, adminKey, upstreamBaseUrl, "", suffix);
  const largeModel = largeUpstreamBaseUrl ? await providerWithModel(origin, adminKey, largeUpstreamBaseUrl, "-large", suffix) : null;
  const user = await adminPost(origin, adminKey, "users", { email: `bench-${suffix}@example.test`, name: "Bench", role: "developer", tier: "enterprise" });
  const { key, id: keyId } = await adminPost(origin, adminKey, "keys", { userId: user.id, name: `bench-${suffix}` });
  await adminPost(origin, adminKey, "quotas", { scope: "key", scopeId: keyId, period: "daily", maxCalls: 100_000_000, maxCost: 1_000_000 }, "PUT");
  return { model: model.name, largeModel: largeModel?.name, key, via: "admin API" };
}

export function setupViaDatabase({ root, env, upstreamBaseUrl, largeUpstreamBaseUrl }) {
  const urls = [upstreamBaseUrl, ...(largeUpstreamBaseUrl ? [largeUpstreamBaseUrl] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/bench/seed-db.ts", ...urls], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`seed-db failed: ${stderr || error.message}`));
      const { model, largeModel, key } = JSON.parse(stdout.trim().split("\n").pop());
      resolve({ model, largeModel, key, via: "database (test/support/gateway-fixtures.ts)" });
    });
  });
}

/** Admin API first; on failure the database, with the admin API's error kept for the report. */
export async function setupTollgate(options) {
  try {
    return await setupViaAdminApi(options);
  } catch (error) {
    const seeded = await setupViaDatabase(options);
    return { ...seeded, adminApiError: error.message };
  }
}
