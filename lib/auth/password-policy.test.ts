import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { InvalidEnvironmentError, resetEnvCache } from "../env";
import { ensureFirstAdmin } from "../boot/first-admin";
import { adminRequest, callRoute, enableTestAdminApiKey } from "../http/admin-test-support";
import * as users from "../users/users-route";
import * as user from "../users/user-route";
import { uniqueSuffix } from "../../test/support/test-ids";
import { passwordPolicyProblem } from "./password-policy";

beforeAll(() => enableTestAdminApiKey());

afterEach(() => {
  delete process.env.PASSWORD_MIN_LENGTH;
  delete process.env.PASSWORD_REJECT_COMMON;
  resetEnvCache();
});

describe("the password policy", () => {
  it("wants PASSWORD_MIN_LENGTH characters (12 by default), not one repeated, not a common one", () => {
    expect(passwordPolicyProblem("short-pass1")).toBe("Password must be at least 12 characters long.");
    expect(passwordPolicyProblem("aaaaaaaaaaaaaaaa")).toBe("Password must not be one character repeated.");
    expect(passwordPolicyProblem("Password1234")).toBe("This password is too common and easy to guess. Choose another.");
    expect(passwordPolicyProblem("123456789012")).toMatch(/too common/);
    expect(passwordPolicyProblem("plum-kettle-harbour")).toBeNull();
    // Characters as people count them: 12 emoji are 12 characters.
    expect(passwordPolicyProblem("🔑".repeat(11) + "🚪")).toBeNull();
  });

  it("follows its settings", () => {
    process.env.PASSWORD_MIN_LENGTH = "20";
    process.env.PASSWORD_REJECT_COMMON = "false";
    resetEnvCache();
    expect(passwordPolicyProblem("plum-kettle-harbour")).toBe("Password must be at least 20 characters long.");
    expect(passwordPolicyProblem("passwordpassword1234")).toBeNull();
  });
});

describe("where a password is set", () => {
  it("the users API answers 422 naming the password field, on create and on change", async () => {
    const email = `policy-${uniqueSuffix()}@example.com`;
    const weak = await callRoute(users.POST, adminRequest("/api/admin/users", { method: "POST", body: { email, name: "P", password: "password1234" } }));
    expect(weak.status).toBe(422);
    expect(weak.body.error).toEqual({ message: "password: This password is too common and easy to guess. Choose another.", code: "validation_failed", field: "password" });
    expect(await db().user.count({ where: { email } })).toBe(0);

    const created = await callRoute(users.POST, adminRequest("/api/admin/users", { method: "POST", body: { email, name: "P", password: "plum-kettle-harbour" } }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const short = await callRoute(user.PATCH, adminRequest(`/api/admin/users/${id}`, { method: "PATCH", body: { password: "ten-chars!" } }), { id });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ field: "password", message: "password: Password must be at least 12 characters long." });
  });

  it("the first admin refuses an ADMIN_PASSWORD that breaks it, naming the variable", async () => {
    const org = await db().organization.create({ data: { name: `Policy ${uniqueSuffix()}` } });
    const created = ensureFirstAdmin({ orgId: org.id, email: `first-${uniqueSuffix()}@example.com`, password: "qwertyuiop123" });
    await expect(created).rejects.toBeInstanceOf(InvalidEnvironmentError);
    await expect(created).rejects.toThrow(/^ADMIN_PASSWORD: This password is too common/);
    expect(await db().user.count({ where: { orgId: org.id } })).toBe(0);
  });
});
