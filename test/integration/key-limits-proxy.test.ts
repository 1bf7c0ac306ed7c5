// The limits an admin sets on a user, as the proxy enforces them on a key that existed before: the
// admin's PATCH reaches the gateway's key cache at once, the key's calls shrink to the user's models,
// and a lifetime limit ends a key older than it.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { db } from "@/lib/db";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import * as userItem from "@/lib/users/user-route";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { serveGateway } from "../support/gateway-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let allowed: string;
let other: string;

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream();
  proxy = await serveGateway();
  const providerUrl = `${upstream.url}/v1`;
  allowed = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: providerUrl, apiKey: "sk" })).modelName;
  other = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: providerUrl, apiKey: "sk" })).modelName;
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

const patchUser = (id: string, body: Record<string, unknown>) =>
  callRoute(userItem.PATCH, adminRequest(`/api/admin/users/${id}`, { method: "PATCH", body }), { id });

function call(key: string, model: string) {
  const client = new OpenAI({ apiKey: key, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  return client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }).then(
    () => ({ status: 200, code: null as string | null }),
    (error: InstanceType<typeof OpenAI.APIError>) => ({ status: error.status, code: error.code ?? null }),
  );
}

describe("a user's key limits at the proxy", () => {
  it("narrow the models an existing unrestricted key may call, from the next call on", async () => {
    const caller = await createUserWithKey();
    expect(await call(caller.key, other)).toEqual({ status: 200, code: null });

    expect((await patchUser(caller.userId, { keyModels: [allowed] })).status).toBe(200);

    expect(await call(caller.key, other)).toEqual({ status: 403, code: "model_not_allowed" });
    expect(await call(caller.key, allowed)).toEqual({ status: 200, code: null });
  });

  it("end a key older than the lifetime an admin sets", async () => {
    const caller = await createUserWithKey();
    await db().apiKey.update({ where: { id: caller.keyId }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } });
    expect(await call(caller.key, allowed)).toEqual({ status: 200, code: null });

    expect((await patchUser(caller.userId, { keyMaxDays: 7 })).status).toBe(200);

    expect(await call(caller.key, allowed)).toEqual({ status: 401, code: "expired_api_key" });
  });
});
