import { describe, expect, it } from "vitest";
import { canManage, canManageKey, canReadAll, canReadKey, canWrite, isRole, readScopeUserId } from "./rbac";
import { DEFAULT_AFTER_LOGIN, safeCallbackUrl } from "./callback-url";
import { describeSignInError } from "./sign-in-errors";

describe("rbac", () => {
  const admin = { id: "a", role: "admin" as const };
  const dev = { id: "d", role: "developer" as const };
  const viewer = { id: "v", role: "viewer" as const };

  it("admin does everything, viewer reads everything and writes nothing", () => {
    expect([canManage("admin"), canWrite("admin"), canReadAll("admin")]).toEqual([true, true, true]);
    expect([canManage("viewer"), canWrite("viewer"), canReadAll("viewer")]).toEqual([false, false, true]);
    expect([canManage("developer"), canWrite("developer"), canReadAll("developer")]).toEqual([false, true, false]);
  });

  it("developers see and manage only their own keys", () => {
    expect(canManageKey(dev, "d")).toBe(true);
    expect(canManageKey(dev, "x")).toBe(false);
    expect(canReadKey(dev, "x")).toBe(false);
    expect(canReadKey(viewer, "x")).toBe(true);
    expect(canManageKey(viewer, "v")).toBe(false);
    expect(canManageKey(admin, "x")).toBe(true);
  });

  it("pins developers' reads to themselves", () => {
    expect(readScopeUserId(dev)).toBe("d");
    expect(readScopeUserId(viewer)).toBeUndefined();
    expect(readScopeUserId(admin)).toBeUndefined();
    expect(isRole("owner")).toBe(false);
  });
});

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeCallbackUrl("/keys?status=active")).toBe("/keys?status=active");
    expect(safeCallbackUrl("http://localhost:3000/usage?x=1")).toBe("/usage?x=1");
    expect(safeCallbackUrl("https://evil.example/phish")).toBe("/phish");
    for (const bad of [undefined, "", "https://evil.example//x.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/login"]) {
      expect(safeCallbackUrl(bad)).toBe(DEFAULT_AFTER_LOGIN);
    }
  });
});

describe("describeSignInError", () => {
  it("tells a lockout apart from wrong credentials", () => {
    expect(describeSignInError(null)).toBeNull();
    expect(describeSignInError("CredentialsSignin")?.kind).toBe("credentials");
    expect(describeSignInError("TooManyAttempts:840")).toMatchObject({ kind: "throttled", title: "Too many attempts", message: expect.stringContaining("14 minutes") });
    expect(describeSignInError("TooManyAttempts:30")?.message).toContain("a minute");
    expect(describeSignInError("AccountDisabled")?.kind).toBe("disabled");
    expect(describeSignInError("Configuration")?.kind).toBe("other");
    expect(describeSignInError("SignInUnavailable")).toMatchObject({ title: "Sign-in unavailable", message: expect.stringContaining("Try again in a moment") });
  });
});
