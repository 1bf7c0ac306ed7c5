// POST /api/admin/models/attach: seeded models without a provider become callable together, or
// none does; managed, already-served and unknown models are refused with the reason.
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { db } from "../db";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import { ensureDefaultOrg } from "../org/default-org";
import * as attach from "./attach-models-route";
import * as playground from "./playground-models-route";

let orgId: string;
let providerId: string;

beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = await ensureDefaultOrg();
  providerId = (await db().provider.create({ data: { orgId, name: `attach-provider-${uniqueSuffix()}`, kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1", encryptedApiKey: "unused" } })).id;
});

async function seeded(count: number, extra: { managedBy?: string } = {}) {
  const suffix = uniqueSuffix();
  const rows = [];
  for (let i = 0; i < count; i++) {
    rows.push(
      await db().model.create({
        data: { orgId, name: `seeded-${suffix}-${i}`, upstreamModel: `upstream-${i}`, inputPricePerMTok: 1_000_000n, outputPricePerMTok: 2_000_000n, ...extra },
        select: { id: true, name: true },
      }),
    );
  }
  return rows;
}

const post = (body: unknown, auth?: { cookie: string }) => callRoute(attach.POST, adminRequest("/api/admin/models/attach", { method: "POST", body, ...(auth ? { auth } : {}) }));

describe("POST /api/admin/models/attach", () => {
  it("attaches the provider to every model, makes them callable and audits each", async () => {
    const models = await seeded(3);
    const answer = await post({ modelIds: models.map((m) => m.id), providerId });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((m: { id: string; providerId: string; upstreamModel: string }) => [m.id, m.providerId, m.upstreamModel])).toEqual(
      models.map((m, i) => [m.id, providerId, `upstream-${i}`]),
    );
    const deployments = await db().deployment.findMany({ where: { modelId: { in: models.map((m) => m.id) } } });
    expect(deployments).toHaveLength(3);
    expect(deployments.every((d) => d.providerId === providerId)).toBe(true);

    const callable = await callRoute(playground.GET, adminRequest("/api/admin/playground/models"));
    const names = callable.body.data.map((m: { name: string }) => m.name);
    for (const model of models) expect(names).toContain(model.name);

    const audit = await db().auditLog.findMany({ where: { action: "model.update", targetId: { in: models.map((m) => m.id) } } });
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[0].before!)).toMatchObject({ providerId: null });
    expect(JSON.parse(audit[0].after!)).toMatchObject({ providerId });
  });

  it("refuses the whole request when one model is managed by the configuration file (409) or already served (409)", async () => {
    const [free] = await seeded(1);
    const [managed] = await seeded(1, { managedBy: "config-file" });
    const refused = await post({ modelIds: [free.id, managed.id], providerId });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "managed_by_config_file" });
    expect(refused.body.error.message).toContain(`Managed by the configuration file`);
    expect(refused.body.error.message).toContain(`the model "${managed.name}"`);

    const [served] = await seeded(1);
    expect((await post({ modelIds: [served.id], providerId })).status).toBe(200);
    const again = await post({ modelIds: [free.id, served.id], providerId });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`"${served.name}" is already served`);
    // Nothing was attached to the free model by either refused request.
    expect(await db().deployment.count({ where: { modelId: free.id } })).toBe(0);
  });

  it("answers 404 for a model of no one, 422 for a missing provider or an empty list, 403 for a viewer", async () => {
    const [model] = await seeded(1);
    const unknown = await post({ modelIds: [model.id, "no-such-model"], providerId });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("no-such-model");
    expect(await db().deployment.count({ where: { modelId: model.id } })).toBe(0);

    const noProvider = await post({ modelIds: [model.id], providerId: "no-such-provider" });
    expect(noProvider.status).toBe(422);
    expect(noProvider.body.error.field).toBe("providerId");
    const empty = await post({ modelIds: [], providerId });
    expect(empty.status).toBe(422);
    expect(empty.body.error.field).toBe("modelIds");

    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    expect((await post({ modelIds: [model.id], providerId }, await sessionCookieFor(viewer))).status).toBe(403);
  });
});
