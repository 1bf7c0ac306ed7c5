// Cache settings changed while this process's Redis subscription is down: the change's broadcast is
// lost, and the settings must be reloaded when the subscription comes back (its resync), not at the
// table's next minute refresh. Redis is reached through a TCP proxy of this test's own
// (test/support/tcp-proxy.ts), so the connection can be cut without touching the shared server.
// Needs TEST_REDIS_URL; skipped with a warning otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheSettings, publishCacheSettingsChanged } from "@/lib/cache/cache-settings";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { closeSharedStore } from "@/lib/store";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { uniqueSuffix } from "../support/test-ids";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("[cache-settings-resync] SKIPPED: needs TEST_REDIS_URL.");

let proxy: TcpProxy;
let orgId: string;

const enabledNow = async () => (await cacheSettings().of(orgId)).enabled;

describe.skipIf(!redisUrl)("cache settings after a lost subscription", () => {
  beforeAll(async () => {
    const { hostname, port } = new URL(redisUrl!);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    process.env.REDIS_URL = proxy.urlFor(redisUrl!);
    resetEnvCache();
    await closeSharedStore();
    orgId = (await db().organization.create({ data: { name: `cache settings resync ${uniqueSuffix()}` } })).id;
  });

  afterAll(async () => {
    proxy?.heal();
    await closeSharedStore();
    await proxy?.close();
  });

  it("reloads them when the subscription resyncs, catching up on a change whose broadcast was lost", async () => {
    expect(await enabledNow()).toBe(false);
    // Enabled the usual way (this process reloads at once, the others when the broadcast arrives).
    await db().cacheSettings.create({ data: { orgId, enabled: true } });
    await publishCacheSettingsChanged(orgId);
    await expect.poll(enabledNow, { timeout: 10_000 }).toBe(true);

    proxy.cut();
    // Changed by another replica during the outage: its broadcast never reaches this process.
    await db().cacheSettings.update({ where: { orgId }, data: { enabled: false } });
    expect(await enabledNow()).toBe(true); // the loaded copy, trusted until told otherwise

    proxy.heal();
    await expect.poll(enabledNow, { timeout: 10_000, interval: 100 }).toBe(false);
  }, 30_000);
});
