import { describe, expect, it } from "vitest";
import { db } from "../db";
import { verifyPassword } from "../crypto/password";
import { defaultOrgId } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { bootstrap } from "./bootstrap";
import { boxed, ensureFirstAdmin } from "./first-admin";

async function freshOrg() {
  return (await db().organization.create({ data: { name: `Boot ${uniqueSuffix()}` } })).id;
}

describe("ensureFirstAdmin", () => {
  it("creates an admin with a generated password, printed once in a box", async () => {
    const orgId = await freshOrg();
    const printed: string[] = [];
    const email = `first-${uniqueSuffix()}@tollgate.local`;
    const created = await ensureFirstAdmin({ orgId, email, print: (t) => printed.push(t) });
    expect(created?.email).toBe(email);
    expect(created?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(created!.generatedPassword!);
    expect(printed[0].split("\n")[0]).toMatch(/^╔═+╗$/);

    const user = await db().user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    expect(user).toMatchObject({ orgId, role: "admin", disabled: false });
    expect(await verifyPassword(created!.generatedPassword!, user.passwordHash!)).toBe(true);

    expect(await ensureFirstAdmin({ orgId, email: `other-${uniqueSuffix()}@x.local`, print: (t) => printed.push(t) })).toBeUndefined();
    expect(printed).toHaveLength(1);
  });

  it("uses the configured password without printing anything", async () => {
    const orgId = await freshOrg();
    const printed: string[] = [];
    const email = `Configured-${uniqueSuffix()}@Example.com`;
    const created = await ensureFirstAdmin({ orgId, email, password: "configured-pass", print: (t) => printed.push(t) });
    expect(created).toEqual({ email: email.toLowerCase() });
    expect(printed).toEqual([]);
  });

  it("draws a box around every line", () => {
    expect(boxed(["ab", "c"]).split("\n")).toEqual(["╔════╗", "║ ab ║", "║ c  ║", "╚════╝"]);
  });
});

describe("bootstrap", () => {
  it("is idempotent and works on the default organization", async () => {
    const first = await bootstrap({ print: () => {} });
    expect(first.orgId).toBe(await defaultOrgId());
    const second = await bootstrap({ print: () => {} });
    expect(second).toEqual({ orgId: first.orgId });
    expect(await db().user.count({ where: { orgId: first.orgId } })).toBeGreaterThan(0);
    expect(await db().model.count({ where: { orgId: first.orgId } })).toBeGreaterThan(0);
  });
});
