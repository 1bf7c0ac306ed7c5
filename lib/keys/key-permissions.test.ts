// Who may change what on a key, through the real admin routes: a developer used to lift the limits
// an admin put on their key (PATCH models: [] and expiresAt: null answered 200), or escape them by
// making a fresh key. Now a developer only narrows, every key of a user lives within the limits an
// admin set on the user, and each refusal is a 403 naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { db } from "../db";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "../http/admin-test-support";
import { createModel } from "../models/model-mutations";
import { ensureDefaultOrg } from "../org/default-org";
import * as userItem from "../users/user-route";
import * as collection from "./keys-route";
import * as item from "./key-route";

const DAY_MS = 86_400_000;
let models: string[];

beforeAll(async () => {
  enableTestAdminApiKey();
  const orgId = await ensureDefaultOrg();
  models = [];
  for (const name of ["a", "b", "c"]) {
    const model = await createModel({ orgId, input: { name: `perm-${name}-${uniqueSuffix()}`, upstreamModel: "u", inputPricePerMTok: 1, outputPricePerMTok: 1, enabled: true } });
    models.push(model.name);
  }
});

const createKey = (body: Record<string, unknown>, auth: TestAuth = "api-key") =>
  callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", auth, body }));
const patchKey = (id: string, body: Record<string, unknown>, auth: TestAuth = "api-key") =>
  callRoute(item.PATCH, adminRequest(`/api/admin/keys/${id}`, { method: "PATCH", auth, body }), { id });
const patchUser = (id: string, body: Record<string, unknown>, auth: TestAuth = "api-key") =>
  callRoute(userItem.PATCH, adminRequest(`/api/admin/users/${id}`, { method: "PATCH", auth, body }), { id });

async function developer() {
  const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
  return { user, auth: await sessionCookieFor(user) };
}

describe("a developer changing a key an admin restricted", () => {
  it("cannot widen its models or lift its expiry (403 naming the field); nothing changes", async () => {
    const { user, auth } = await developer();
    const expiresAt = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const key = await createKey({ userId: user.id, name: "restricted", models: [models[0], models[1]], expiresAt });
    expect(key.status).toBe(201);

    const everyModel = await patchKey(key.body.id, { models: [], expiresAt: null }, auth);
    expect(everyModel.status).toBe(403);
    expect(everyModel.body.error).toMatchObject({ code: "key_limit", field: "models", message: expect.stringContaining("not allow every model") });
    const noExpiry = await patchKey(key.body.id, { expiresAt: null }, auth);
    expect(noExpiry.body.error).toMatchObject({ code: "key_limit", field: "expiresAt", message: expect.stringContaining("not remove it") });
    const postponed = await patchKey(key.body.id, { expiresAt: new Date(Date.now() + 60 * DAY_MS).toISOString() }, auth);
    expect(postponed.body.error).toMatchObject({ field: "expiresAt", message: expect.stringContaining("not postpone it") });
    const added = await patchKey(key.body.id, { models: [models[0], models[2]] }, auth);
    expect(added.body.error).toMatchObject({ field: "models", message: expect.stringContaining(`not add ${models[2]}`) });

    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.body.id } });
    expect(JSON.parse(row.models)).toEqual([models[0], models[1]]);
    expect(row.expiresAt?.toISOString()).toBe(expiresAt);
  });

  it("may narrow it: fewer models, an earlier expiry, a new name", async () => {
    const { user, auth } = await developer();
    const key = await createKey({ userId: user.id, name: "k", models: [models[0], models[1]], expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() });
    const sooner = new Date(Date.now() + 5 * DAY_MS).toISOString();
    const narrowed = await patchKey(key.body.id, { name: "narrowed", models: [models[1]], expiresAt: sooner }, auth);
    expect(narrowed.status).toBe(200);
    expect(narrowed.body).toMatchObject({ name: "narrowed", models: [models[1]], allowedModels: [models[1]], expiresAt: sooner });
    // An admin can widen it again.
    const widened = await patchKey(key.body.id, { models: [], expiresAt: null });
    expect(widened.status).toBe(200);
    expect(widened.body).toMatchObject({ models: [], allowedModels: null, expiresAt: null });
  });
});

describe("limits an admin sets on a user", () => {
  it("hold for a developer's fresh keys: outside models and a longer life are 403s, no expiry given means the latest allowed", async () => {
    const { user, auth } = await developer();
    const limits = await patchUser(user.id, { keyModels: [models[0]], keyMaxDays: 30 });
    expect(limits.status).toBe(200);
    expect(limits.body).toMatchObject({ keyModels: [models[0]], keyMaxDays: 30 });

    const outside = await createKey({ name: "escape", models: [models[1]] }, auth);
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: "key_limit", field: "models", message: `models: ${models[1]} is not among the models an admin allows for your keys (${models[0]}).` });
    const forever = await createKey({ name: "escape", expiresAt: null }, auth);
    expect(forever.body.error).toMatchObject({ field: "expiresAt", message: expect.stringContaining("an admin limits your keys to 30 days") });
    const tooLong = await createKey({ name: "escape", expiresAt: new Date(Date.now() + 31 * DAY_MS).toISOString() }, auth);
    expect(tooLong.status).toBe(403);

    const before = Date.now();
    const inherited = await createKey({ name: "fresh" }, auth);
    expect(inherited.status).toBe(201);
    expect(inherited.body).toMatchObject({ models: [], allowedModels: [models[0]] });
    const expires = Date.parse(inherited.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
  });

  it("hold for an admin making or changing the user's keys too", async () => {
    const { user } = await developer();
    await patchUser(user.id, { keyModels: [models[0], models[1]], keyMaxDays: 7 });
    const outside = await createKey({ userId: user.id, name: "x", models: [models[2]] });
    expect(outside.body.error).toMatchObject({ code: "key_limit", field: "models", message: expect.stringContaining("for this user's keys") });
    const key = await createKey({ userId: user.id, name: "x", models: [models[1]] });
    expect(key.status).toBe(201);
    expect((await patchKey(key.body.id, { expiresAt: null })).body.error.field).toBe("expiresAt");
  });

  it("cover the user's existing keys: their expiry comes forward, what they may call shrinks", async () => {
    const { user } = await developer();
    const open = await createKey({ userId: user.id, name: "open" });
    const listed = await createKey({ userId: user.id, name: "listed", models: [models[1], models[2]] });
    await db().apiKey.update({ where: { id: open.body.id }, data: { createdAt: new Date(Date.now() - 10 * DAY_MS) } });

    const limited = await patchUser(user.id, { keyModels: [models[0], models[1]], keyMaxDays: 3 });
    expect(limited.status).toBe(200);

    const openNow = await callRoute(item.GET, adminRequest(`/api/admin/keys/${open.body.id}`), { id: open.body.id });
    expect(openNow.body).toMatchObject({ models: [], allowedModels: [models[0], models[1]], status: "expired" });
    expect(Date.parse(openNow.body.expiresAt)).toBeLessThan(Date.now());
    const listedNow = await callRoute(item.GET, adminRequest(`/api/admin/keys/${listed.body.id}`), { id: listed.body.id });
    expect(listedNow.body).toMatchObject({ models: [models[1], models[2]], allowedModels: [models[1]], status: "active" });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: open.body.id } })).expiresAt!.getTime()).toBeLessThan(Date.now());
    const expired = await callRoute(collection.GET, adminRequest(`/api/admin/keys?userId=${user.id}&status=expired`));
    expect(expired.body.data.map((k: { id: string }) => k.id)).toEqual([open.body.id]);
  });

  it("are an admin's to set: a developer cannot change their own, unknown models are a 422", async () => {
    const { user, auth } = await developer();
    expect((await patchUser(user.id, { keyModels: [] }, auth)).status).toBe(403);
    const unknown = await patchUser(user.id, { keyModels: ["no-such-model"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe("keyModels");
    expect((await patchUser(user.id, { keyMaxDays: 0 })).body.error.field).toBe("keyMaxDays");
  });
});
