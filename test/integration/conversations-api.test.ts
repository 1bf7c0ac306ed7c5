// Saved conversations over /api/conversations on the real database (run on SQLite and PostgreSQL):
// search over titles and message text ignoring case (non-ASCII too, LIKE's wildcards literal), the
// model and date filters, sorting, pages of 20 up to 100, messages in order and appended, rename,
// delete one or several, export then import giving the same data (bad items reported, the rest
// imported), and who may see what: a virtual key its user's conversations only, a console session
// the signed-in user's, the admin API key none, a cross-site session request nothing at all.
import { beforeAll, describe, expect, it } from "vitest";
import * as conversations from "@/lib/conversations/conversations-route";
import { db } from "@/lib/db";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "@/lib/http/admin-test-support";
import { assertMaySpend } from "@/lib/playground/spend-guard";
import { createUserWithKey } from "../support/gateway-fixtures";
import { uniqueSuffix } from "../support/test-ids";

let owner: TestAuth;
let stranger: TestAuth;

beforeAll(async () => {
  enableTestAdminApiKey();
  owner = { bearer: (await createUserWithKey()).key };
  stranger = { bearer: (await createUserWithKey()).key };
});

type Body = Record<string, unknown>;
const call = (handler: Parameters<typeof callRoute>[0], path: string, options: { method?: string; body?: unknown; auth?: TestAuth; headers?: Record<string, string> } = {}, params: Record<string, string> = {}) =>
  callRoute(handler, adminRequest(path, { auth: owner, ...options }), params);

async function create(body: Body, auth: TestAuth = owner) {
  const response = await call(conversations.POST, "/api/conversations", { method: "POST", body, auth });
  expect(response.status).toBe(201);
  return response.body as { id: string; createdAt: string; messages: { role: string; content: string }[] };
}

async function list(query: string, auth: TestAuth = owner) {
  return call(conversations.GET, `/api/conversations?${query}`, { auth });
}

describe("/api/conversations", () => {
  it("saves a conversation with its model, system prompt and parameters, appends turns in order, renames and deletes it", async () => {
    const created = await create({ title: "Trip planning", model: "gpt-4o-mini", systemPrompt: "Be brief.", params: { temperature: 0.2, max_tokens: 100 }, messages: [{ role: "user", content: "Where to?" }] });
    expect(created).toMatchObject({ title: "Trip planning", model: "gpt-4o-mini", systemPrompt: "Be brief.", params: { temperature: 0.2, max_tokens: 100 }, messageCount: 1 });
    const answer = { role: "assistant", content: "Lisbon.", model: "gpt-4o-mini", meta: { requestId: "req_1", inputTokens: 5, outputTokens: 2, cost: 0.0001, latencyMs: 120, ttftMs: 40, cache: "miss" } };
    const appended = await call(conversations.appendRoute, `/api/conversations/${created.id}/messages`, { method: "POST", body: answer }, { id: created.id });
    expect(appended.status).toBe(201);
    await call(conversations.appendRoute, `/api/conversations/${created.id}/messages`, { method: "POST", body: { messages: [{ role: "user", content: "Why?" }, { role: "assistant", content: "Light." }] } }, { id: created.id });
    const read = await call(conversations.getOne, `/api/conversations/${created.id}`, {}, { id: created.id });
    expect(read.body.messages.map((m: Body) => m.content)).toEqual(["Where to?", "Lisbon.", "Why?", "Light."]);
    expect(read.body.messages[1]).toMatchObject({ role: "assistant", model: "gpt-4o-mini", meta: answer.meta });
    expect(read.body.messageCount).toBe(4);
    expect(Date.parse(read.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));

    const renamed = await call(conversations.patchOne, `/api/conversations/${created.id}`, { method: "PATCH", body: { title: "Lisbon trip" } }, { id: created.id });
    expect(renamed.body).toMatchObject({ title: "Lisbon trip", messageCount: 4 });
    expect((await call(conversations.patchOne, `/api/conversations/${created.id}`, { method: "PATCH", body: {} }, { id: created.id })).status).toBe(422);
    expect((await call(conversations.deleteOne, `/api/conversations/${created.id}`, { method: "DELETE" }, { id: created.id })).body).toEqual({ deleted: 1 });
    expect((await call(conversations.getOne, `/api/conversations/${created.id}`, {}, { id: created.id })).status).toBe(404);
  });

  it("finds by title or message text ignoring case (also non-ASCII), by model and date; sorts; pages of 20, at most 100", async () => {
    const auth: TestAuth = { bearer: (await createUserWithKey()).key };
    const tag = uniqueSuffix();
    const items = Array.from({ length: 25 }, (_, i) => ({
      title: `${tag} chat ${String(i).padStart(2, "0")}`,
      model: i % 2 === 0 ? "model-even" : "model-odd",
      createdAt: new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString(),
      updatedAt: new Date(Date.UTC(2026, 1, 25 - i, 12)).toISOString(),
      messages: [{ role: "user", content: i === 7 ? "Über die Brücke, 100% sicher" : `plain question ${i}` }],
    }));
    const imported = await call(conversations.importRoute, "/api/conversations/import", { method: "POST", body: { conversations: items }, auth });
    expect(imported.body).toMatchObject({ imported: 25, errors: [] });

    const firstPage = await list(`q=${tag}`, auth);
    expect(firstPage.body.total).toBe(25);
    expect(firstPage.body.data).toHaveLength(20); // 20 per page by default, newest activity first
    expect(firstPage.body.data[0].title).toBe(`${tag} chat 00`);
    expect((await list(`q=${tag}&page=2`, auth)).body.data).toHaveLength(5);
    expect((await list(`q=${tag}&pageSize=100`, auth)).body.data).toHaveLength(25);
    expect((await list(`q=${tag}&pageSize=101`, auth)).status).toBe(422);

    expect((await list(`q=${encodeURIComponent(tag.toUpperCase() + " CHAT 1")}`, auth)).body.total).toBe(10); // 10..19
    expect((await list("q=%C3%BCBER%20DIE", auth)).body.data.map((c: Body) => c.title)).toEqual([`${tag} chat 07`]); // "üBER DIE": message text, any case
    expect((await list("q=100%25", auth)).body.total).toBe(1); // % is literal, not a wildcard
    expect((await list("q=10_%25", auth)).body.total).toBe(0);
    expect((await list(`q=${tag}&model=model-odd&pageSize=100`, auth)).body.total).toBe(12);
    expect((await list(`q=${tag}&from=2026-01-03&to=2026-01-05`, auth)).body.data.map((c: Body) => c.title).sort()).toEqual([2, 3, 4].map((i) => `${tag} chat 0${i}`));
    expect((await list(`from=2026-02-01&to=2026-01-01`, auth)).status).toBe(422);

    const byTitle = (order: string) => list(`q=${tag}&sort=title&order=${order}&pageSize=3`, auth).then((r) => r.body.data.map((c: Body) => c.title));
    expect(await byTitle("asc")).toEqual(["00", "01", "02"].map((n) => `${tag} chat ${n}`));
    expect(await byTitle("desc")).toEqual(["24", "23", "22"].map((n) => `${tag} chat ${n}`));
    expect((await list(`q=${tag}&sort=created&order=asc&pageSize=1`, auth)).body.data[0].title).toBe(`${tag} chat 00`);
    expect((await list(`q=${tag}&sort=created&order=desc&pageSize=1`, auth)).body.data[0].title).toBe(`${tag} chat 24`);
    expect((await list(`q=${tag}&sort=updated&order=asc&pageSize=1`, auth)).body.data[0].title).toBe(`${tag} chat 24`);
    expect((await list("sort=size", auth)).status).toBe(422);

    const some = firstPage.body.data.slice(0, 3).map((c: Body) => c.id as string);
    expect((await call(conversations.DELETE, `/api/conversations?ids=${some.join(",")}`, { method: "DELETE", auth })).body).toEqual({ deleted: 3 });
    expect((await list(`q=${tag}`, auth)).body.total).toBe(22);
  });

  it("export then import gives the same data; bad items are reported by position and field, the rest imported", async () => {
    const auth: TestAuth = { bearer: (await createUserWithKey()).key };
    const a = await create({ title: "Alpha", model: "m1", systemPrompt: "sys", params: { temperature: 1 }, messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello", model: "m1", meta: { cost: 0.01, inputTokens: 1, outputTokens: 1 } }] }, auth);
    await create({ title: "Beta", model: "m2", messages: [] }, auth);
    const exported = await call(conversations.exportRoute, "/api/conversations/export", { auth });
    expect(exported.body.conversations).toHaveLength(2);
    const one = await call(conversations.exportRoute, `/api/conversations/export?ids=${a.id}`, { auth });
    expect(one.body.conversations.map((c: Body) => c.title)).toEqual(["Alpha"]);

    const target: TestAuth = { bearer: (await createUserWithKey()).key };
    const imported = await call(conversations.importRoute, "/api/conversations/import", { method: "POST", body: exported.body, auth: target });
    expect(imported.body).toMatchObject({ imported: 2, errors: [] });
    const again = await call(conversations.exportRoute, "/api/conversations/export", { auth: target });
    const withoutIds = (list: Body[]) => list.map(({ id: _id, ...rest }) => rest);
    expect(withoutIds(again.body.conversations)).toEqual(withoutIds(exported.body.conversations));

    const mixed = { conversations: [exported.body.conversations[0], { title: "", model: "m" }, { title: "x", model: "m", messages: [{ role: "robot", content: "?" }] }, "nope"] };
    const partial = await call(conversations.importRoute, "/api/conversations/import", { method: "POST", body: mixed, auth: target });
    expect(partial.body.imported).toBe(1);
    expect(partial.body.errors.map((e: Body) => [e.index, e.field])).toEqual([[1, "title"], [2, "messages.0.role"], [3, null]]);
    expect((await call(conversations.importRoute, "/api/conversations/import", { method: "POST", body: { nope: [] }, auth: target })).status).toBe(422);
  });

  it("a key sees only its user's conversations; a session its user's; the admin API key and cross-site session requests are refused", async () => {
    const mine = await create({ title: "Private", model: "m", messages: [{ role: "user", content: "secret" }] });
    expect((await call(conversations.getOne, `/api/conversations/${mine.id}`, { auth: stranger }, { id: mine.id })).status).toBe(404);
    expect((await call(conversations.patchOne, `/api/conversations/${mine.id}`, { method: "PATCH", body: { title: "x" }, auth: stranger }, { id: mine.id })).status).toBe(404);
    expect((await call(conversations.appendRoute, `/api/conversations/${mine.id}/messages`, { method: "POST", body: { role: "user", content: "x" }, auth: stranger }, { id: mine.id })).status).toBe(404);
    expect((await call(conversations.DELETE, `/api/conversations?ids=${mine.id}`, { method: "DELETE", auth: stranger })).body).toEqual({ deleted: 0 });
    expect((await list("q=Private", stranger)).body.total).toBe(0);
    expect((await call(conversations.exportRoute, `/api/conversations/export?ids=${mine.id}`, { auth: stranger })).body.conversations).toEqual([]);
    expect((await call(conversations.getOne, `/api/conversations/${mine.id}`, {}, { id: mine.id })).status).toBe(200);

    expect((await call(conversations.GET, "/api/conversations", { auth: "api-key" })).status).toBe(401);
    expect((await call(conversations.GET, "/api/conversations", { auth: { bearer: "tg-not-a-real-key-000000000000000000000000" } })).status).toBe(401);
    expect((await call(conversations.GET, "/api/conversations", { auth: "none" })).status).toBe(401);

    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const session = await sessionCookieFor(viewer);
    const saved = await create({ title: "Viewer notes", model: "m", messages: [] }, session);
    expect((await list("q=viewer notes", session)).body.data.map((c: Body) => c.id)).toEqual([saved.id]);
    expect((await list("q=Private", session)).body.total).toBe(0);
    const crossSite = await call(conversations.POST, "/api/conversations", { method: "POST", body: { title: "x", model: "m" }, auth: session, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe("cross_site_request");
    // Conversations spend nothing; calling a model in the playground does, and viewers may not.
    await expect(assertMaySpend(viewer.id)).rejects.toMatchObject({ status: 403, code: "viewer_read_only" });
    const developer = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    await expect(assertMaySpend(developer.id)).resolves.toBeUndefined();
    expect(await db().conversation.count({ where: { userId: viewer.id } })).toBe(1);
  });
});
