import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { createModel, updateModel } from "../models/model-mutations";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { uniqueSuffix } from "../../test/support/test-ids";
import { KEY_INVALIDATED_CHANNEL } from "./key-invalidation";

const base = { upstreamModel: "up", inputPricePerMTok: 1, outputPricePerMTok: 2, enabled: true };

describe("renaming a model", () => {
  it("rewrites the allowed-model lists of the keys that named it, and only those", async () => {
    const orgId = await ensureDefaultOrg();
    const oldName = `old-${uniqueSuffix()}`;
    const newName = `new-${uniqueSuffix()}`;
    const model = await createModel({ orgId, input: { ...base, name: oldName } });
    const restricted = await createUserWithKey({ models: [oldName, "other-model"] });
    const prefixOnly = await createUserWithKey({ models: [`${oldName}-mini`] });
    const unrestricted = await createUserWithKey();
    const invalidated: string[] = [];
    await sharedStore().subscribe(KEY_INVALIDATED_CHANNEL, (id) => invalidated.push(id));

    await updateModel({ orgId, id: model.id, input: { name: newName } });

    const models = async (keyId: string) => JSON.parse((await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).models);
    expect(await models(restricted.keyId)).toEqual([newName, "other-model"]);
    expect(await models(prefixOnly.keyId)).toEqual([`${oldName}-mini`]);
    expect(await models(unrestricted.keyId)).toEqual([]);
    await vi.waitFor(() => expect(invalidated).toContain(restricted.keyId));
    expect(invalidated).not.toContain(prefixOnly.keyId);
  });

  it("rewrites the limits an admin set on users' keys too, and drops those users' keys from the caches", async () => {
    const orgId = await ensureDefaultOrg();
    const oldName = `old-${uniqueSuffix()}`;
    const newName = `new-${uniqueSuffix()}`;
    const model = await createModel({ orgId, input: { ...base, name: oldName } });
    const limited = await createUserWithKey();
    await db().user.update({ where: { id: limited.userId }, data: { keyModels: JSON.stringify([oldName, "other-model"]) } });
    const invalidated: string[] = [];
    await sharedStore().subscribe(KEY_INVALIDATED_CHANNEL, (id) => invalidated.push(id));

    await updateModel({ orgId, id: model.id, input: { name: newName } });

    expect(JSON.parse((await db().user.findUniqueOrThrow({ where: { id: limited.userId } })).keyModels)).toEqual([newName, "other-model"]);
    await vi.waitFor(() => expect(invalidated).toContain(limited.keyId));
  });
});
