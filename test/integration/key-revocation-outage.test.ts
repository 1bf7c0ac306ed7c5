// A key revoked while Redis is unreachable must still be refused on every replica within about a
// second (README: "refused on its very next request, on every replica"; docs/security.md, "Key
// revocation during a shared-store outage"). Two Tollgate processes share PostgreSQL and reach Redis
// through a TCP proxy of this test's own (test/support/tcp-proxy.ts), so their Redis can be cut
// without touching the shared server; this process plays the replica whose admin API made the
// change, connected to Redis directly: its broadcasts go out, and the two replicas miss them.
// Needs TEST_REDIS_URL and a PostgreSQL DATABASE_URL; skipped with a warning otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { revokeKey } from "@/lib/keys/key-mutations";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import { closeSharedStore } from "@/lib/store";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { spawnGateway, type GatewayProcess } from "../support/spawn-gateway";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

const redisUrl = process.env.TEST_REDIS_URL;
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const enabled = Boolean(redisUrl) && onPostgres;
if (!enabled) console.warn("[key-revocation-outage] SKIPPED: needs TEST_REDIS_URL and a postgresql:// DATABASE_URL (two processes sharing a database and Redis).");

let upstream: FakeUpstream;
let proxy: TcpProxy;
let replicas: GatewayProcess[] = [];
let orgId: string;

/** GET /v1/models with `key` on each replica: [status, model names]. */
async function listModels(replica: GatewayProcess, key: string): Promise<{ status: number; models: string[] }> {
  const response = await fetch(`${replica.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { data?: { id: string }[] };
  return { status: response.status, models: (body.data ?? []).map((m) => m.id) };
}

/** Polls every 20 ms until the replica refuses `key`; resolves with the ms since `since`. */
async function msUntilRefused(replica: GatewayProcess, key: string, since: number, giveUpMs = 10_000): Promise<number> {
  for (;;) {
    const { status } = await listModels(replica, key);
    if (status === 401) return Date.now() - since;
    if (status !== 200) throw new Error(`unexpected status ${status}`);
    if (Date.now() - since > giveUpMs) return Infinity;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!enabled)("key revocation while the replicas cannot reach Redis", () => {
  beforeAll(async () => {
    const { hostname, port } = new URL(redisUrl!);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    process.env.REDIS_URL = redisUrl;
    resetEnvCache();
    await closeSharedStore();
    orgId = await ensureDefaultOrg();
    upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
    await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" });
    const env = { ...process.env, REDIS_URL: proxy.urlFor(redisUrl!), LOG_LEVEL: "error" };
    replicas = await Promise.all([spawnGateway(env), spawnGateway(env)]);
  }, 120_000);

  afterAll(async () => {
    proxy?.heal();
    await Promise.all(replicas.map((r) => r.stop()));
    await proxy?.close();
    await upstream?.close();
    await closeSharedStore();
  });

  it("refuses a key revoked during the outage within about a second on both replicas, and catches up on a missed catalog change when Redis is back", async () => {
    const key = await createUserWithKey();
    const probe = await createUserWithKey();
    for (const replica of replicas) expect((await listModels(replica, probe.key)).status).toBe(200);
    // Healthy: the broadcast reaches both at once (this also shows both are subscribed, so what is
    // cached from now on is not dropped by the resync of a first subscription).
    const probeRevoked = Date.now();
    await revokeKey({ orgId, id: probe.keyId });
    for (const replica of replicas) expect(await msUntilRefused(replica, probe.key, probeRevoked)).toBeLessThan(500);
    for (const replica of replicas) expect((await listModels(replica, key.key)).status).toBe(200); // cached from here on

    proxy.cut();
    const revokedAt = Date.now();
    await revokeKey({ orgId, id: key.keyId }); // committed; its broadcast reaches nobody behind the proxy
    const refusedAfter = await Promise.all(replicas.map((replica) => msUntilRefused(replica, key.key, revokedAt)));
    console.info(`[key-revocation-outage] refused ${refusedAfter.join(" ms and ")} ms after the revocation`);
    for (const ms of refusedAfter) expect(ms).toBeLessThan(1_500);

    // A model added during the outage: "catalog-changed" is lost for the replicas too.
    const { modelName } = await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" });
    const caller = await createUserWithKey();
    for (const replica of replicas) expect((await listModels(replica, caller.key)).models).not.toContain(modelName);
    const healedAt = Date.now();
    proxy.heal();
    // Caught up when the subscription resyncs, not at the catalog's next minute refresh.
    for (const replica of replicas) {
      await expect.poll(async () => (await listModels(replica, caller.key)).models, { timeout: 10_000, interval: 100 }).toContain(modelName);
    }
    console.info(`[key-revocation-outage] the missed model was listed ${Date.now() - healedAt} ms after Redis came back`);
  }, 60_000);

  it("serves cached keys from memory again once Redis is back (no database read per request)", async () => {
    const key = await createUserWithKey();
    for (const replica of replicas) expect((await listModels(replica, key.key)).status).toBe(200);
    // Revoked behind Tollgate's back (no broadcast): a healthy channel means the cache is trusted,
    // so the replicas go on answering from memory until the entry's TTL.
    await db().apiKey.update({ where: { id: key.keyId }, data: { revokedAt: new Date() } });
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      for (const replica of replicas) expect((await listModels(replica, key.key)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 30_000);
});
