import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { verifyPassword } from "../crypto/password";
import { ensureDefaultOrg } from "../org/default-org";
import { sharedStore } from "../store";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createTeam } from "../teams/team-mutations";
import { createUser, deleteUser, updateUser } from "./user-mutations";
import { getUserOrThrow, listUsers } from "./user-queries";

let orgId: string;
const invalidated: string[] = [];
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  await sharedStore().subscribe("key-invalidated", (id) => invalidated.push(id));
});

const page = { page: 1, pageSize: 50 };

async function addKey(userId: string) {
  return db().apiKey.create({ data: { orgId, userId, name: "k", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-xxxxxx" } });
}

describe("user data functions", () => {
  it("creates a user with a team and a hashed password, and filters the list", async () => {
    const s = uniqueSuffix();
    const team = await createTeam({ orgId, input: { name: `U team ${s}` } });
    const user = await createUser({
      orgId,
      input: { email: `Ada-${s}@Example.com`, name: "Ada", role: "developer", tier: "pro", teamId: team.id, password: "correct horse" },
    });
    expect(user).toMatchObject({ email: `ada-${s}@example.com`, teamId: team.id, teamName: team.name, hasPassword: true, disabled: false });
    expect(user).not.toHaveProperty("passwordHash");

    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("correct horse", stored.passwordHash!)).toBe(true);

    expect((await listUsers({ orgId, query: { ...page, teamId: team.id } })).data.map((u) => u.id)).toEqual([user.id]);
    expect((await listUsers({ orgId, query: { ...page, q: `ADA-${s}` } })).total).toBe(1);
    expect((await listUsers({ orgId, query: { ...page, q: `ada-${s}`, role: "viewer" } })).total).toBe(0);
  });

  it("rejects a duplicate email (409) and an unknown team (422)", async () => {
    const email = `dup-${uniqueSuffix()}@example.com`;
    await createUser({ orgId, input: { email, name: "A", role: "viewer", tier: "free" } });
    await expect(createUser({ orgId, input: { email, name: "B", role: "viewer", tier: "free" } })).rejects.toMatchObject({
      status: 409,
      param: "email",
    });
    await expect(
      createUser({ orgId, input: { email: `t-${uniqueSuffix()}@example.com`, name: "C", role: "viewer", tier: "free", teamId: "nope" } }),
    ).rejects.toMatchObject({ status: 422, param: "teamId" });
  });

  it("invalidates the user's keys when disabled, moved to another team, or deleted", async () => {
    const user = await createUser({ orgId, input: { email: `k-${uniqueSuffix()}@example.com`, name: "K", role: "developer", tier: "free" } });
    const key = await addKey(user.id);

    const count = () => invalidated.filter((id) => id === key.id).length;
    await updateUser({ orgId, id: user.id, input: { name: "renamed" } });
    await updateUser({ orgId, id: user.id, input: { disabled: true } });
    // Only the second change concerns the gateway: one message so far (a rename sends none).
    await vi.waitFor(() => expect(count()).toBe(1));

    const team = await createTeam({ orgId, input: { name: `Move ${uniqueSuffix()}` } });
    await updateUser({ orgId, id: user.id, input: { teamId: team.id } });
    await vi.waitFor(() => expect(count()).toBe(2));

    await deleteUser({ orgId, id: user.id });
    await vi.waitFor(() => expect(count()).toBe(3));
    await expect(getUserOrThrow({ orgId, id: user.id })).rejects.toMatchObject({ status: 404 });
    expect(await db().apiKey.findUnique({ where: { id: key.id } })).toBeNull();
  });

  it("can remove a password (API-only user)", async () => {
    const user = await createUser({
      orgId,
      input: { email: `p-${uniqueSuffix()}@example.com`, name: "P", role: "viewer", tier: "free", password: "api-only-password-1" },
    });
    expect((await updateUser({ orgId, id: user.id, input: { password: null } })).hasPassword).toBe(false);
  });

  it("never leaves an organization without an active admin", async () => {
    const org = await db().organization.create({ data: { name: `Solo ${uniqueSuffix()}` } });
    const admin = await createUser({ orgId: org.id, input: { email: `solo-${uniqueSuffix()}@example.com`, name: "S", role: "admin", tier: "free" } });
    await expect(updateUser({ orgId: org.id, id: admin.id, input: { role: "viewer" } })).rejects.toMatchObject({ status: 409 });
    await expect(updateUser({ orgId: org.id, id: admin.id, input: { disabled: true } })).rejects.toMatchObject({ status: 409 });
    await expect(deleteUser({ orgId: org.id, id: admin.id })).rejects.toMatchObject({ status: 409 });
    await createUser({ orgId: org.id, input: { email: `two-${uniqueSuffix()}@example.com`, name: "T", role: "admin", tier: "free" } });
    expect((await updateUser({ orgId: org.id, id: admin.id, input: { role: "viewer" } })).role).toBe("viewer");
  });
});
