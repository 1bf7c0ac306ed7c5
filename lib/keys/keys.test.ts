import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { hashApiKey, looksLikeApiKey } from "../crypto/api-key";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTestUser } from "../http/admin-test-support";
import { createKey, revokeKey, updateKey } from "./key-mutations";
import { getKeyOrThrow, listKeys } from "./key-queries";
import { keyStatus } from "./key-status";

let orgId: string;
const invalidated: string[] = [];
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  await sharedStore().subscribe("key-invalidated", (id) => invalidated.push(id));
});
const page = { page: 1, pageSize: 50 };

describe("keyStatus", () => {
  it("derives active, expired and revoked", () => {
    const now = new Date("2025-01-01T00:00:00Z");
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: new Date("2024-12-31T00:00:00Z") }, now)).toBe("expired");
    expect(keyStatus({ revokedAt: now, expiresAt: new Date("2024-12-31T00:00:00Z") }, now)).toBe("revoked");
  });
});

describe("key data functions", () => {
  it("returns the plaintext once and stores only its hash and prefix", async () => {
    const team = await db().team.create({ data: { orgId, name: `K team ${uniqueSuffix()}` } });
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix(), teamId: team.id });
    const created = await createKey({ orgId, actor: "admin", userId: user.id, input: { name: "ci", models: [] } });
    expect(looksLikeApiKey(created.key)).toBe(true);
    expect(created).toMatchObject({ userId: user.id, teamId: team.id, status: "active", prefix: created.key.slice(0, 9) });

    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.id }, omit: { keyHash: false } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(await getKeyOrThrow({ orgId, id: created.id })).not.toHaveProperty("key");
  });

  it("accepts only known model names and rejects past expiry dates (422 naming the field)", async () => {
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const model = await db().model.create({ data: { orgId, name: `m-${uniqueSuffix()}`, upstreamModel: "x" } });
    const key = await createKey({ orgId, actor: "admin", userId: user.id, input: { name: "ok", models: [model.name] } });
    expect(key.models).toEqual([model.name]);
    await expect(createKey({ orgId, actor: "admin", userId: user.id, input: { name: "bad", models: [model.name, "no-such-model"] } })).rejects.toMatchObject({
      status: 422,
      param: "models",
      message: expect.stringContaining("no-such-model"),
    });
    await expect(
      createKey({ orgId, actor: "admin", userId: user.id, input: { name: "old", models: [], expiresAt: new Date(Date.now() - 1000) } }),
    ).rejects.toMatchObject({ status: 422, param: "expiresAt" });
    await expect(updateKey({ orgId, actor: "admin", id: key.id, input: { models: ["nope"] } })).rejects.toMatchObject({ status: 422 });
  });

  it("refuses keys for unknown or disabled users", async () => {
    await expect(createKey({ orgId, actor: "admin", userId: "missing", input: { name: "x", models: [] } })).rejects.toMatchObject({ status: 422, param: "userId" });
    const disabled = await createTestUser({ role: "developer", suffix: uniqueSuffix(), disabled: true });
    await expect(createKey({ orgId, actor: "admin", userId: disabled.id, input: { name: "x", models: [] } })).rejects.toMatchObject({ status: 422 });
  });

  it("revokes (publishing the invalidation) and filters by status", async () => {
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const keep = await createKey({ orgId, actor: "admin", userId: user.id, input: { name: "keep", models: [] } });
    const drop = await createKey({ orgId, actor: "admin", userId: user.id, input: { name: "drop", models: [] } });

    const revoked = await revokeKey({ orgId, id: drop.id });
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).not.toBeNull();
    await vi.waitFor(() => expect(invalidated).toContain(drop.id));
    expect((await revokeKey({ orgId, id: drop.id })).revokedAt).toBe(revoked.revokedAt);

    await db().apiKey.update({ where: { id: keep.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const active = await createKey({ orgId, actor: "admin", userId: user.id, input: { name: "fresh", models: [] } });
    const byStatus = async (status: "active" | "revoked" | "expired") =>
      (await listKeys({ orgId, query: { ...page, userId: user.id, status } })).data.map((k) => k.id);
    expect(await byStatus("active")).toEqual([active.id]);
    expect(await byStatus("revoked")).toEqual([drop.id]);
    expect(await byStatus("expired")).toEqual([keep.id]);
  });

  it("pins the list to ownerId whatever userId filter is asked for", async () => {
    const a = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const b = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    await createKey({ orgId, actor: "admin", userId: a.id, input: { name: "a", models: [] } });
    await createKey({ orgId, actor: "admin", userId: b.id, input: { name: "b", models: [] } });
    const list = await listKeys({ orgId, query: { ...page, userId: b.id }, ownerId: a.id });
    expect(list.data.every((k) => k.userId === a.id)).toBe(true);
  });
});
