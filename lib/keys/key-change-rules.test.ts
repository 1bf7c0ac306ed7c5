import { describe, expect, it } from "vitest";
import { checkKeyChange, checkNewKey, KeyLimitError } from "./key-change-rules";

const none = { models: [], maxDays: null };
const now = new Date("2026-06-01T12:00:00Z");
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

function refusal(run: () => unknown): { status: number; field: string | null; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof KeyLimitError)) throw error;
    return { status: error.status, field: error.param, message: error.message };
  }
}

describe("checkKeyChange by a developer", () => {
  const restricted = { models: ["a", "b"], expiresAt: later(10), createdAt: now };

  it("refuses widening: every model, another model, no expiry, a later expiry (403 naming the field)", () => {
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { models: [] }, limits: none }))).toMatchObject({
      status: 403,
      field: "models",
      message: "models: you can remove models from this key but not allow every model (it allows a, b); ask an admin.",
    });
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { models: ["a", "c"] }, limits: none }))?.message).toContain("not add c");
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { expiresAt: null }, limits: none }))).toMatchObject({
      field: "expiresAt",
      message: `expiresAt: you can bring this key's expiry forward but not remove it (it expires ${later(10).toISOString()}); ask an admin.`,
    });
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { expiresAt: later(11) }, limits: none }))?.message).toContain("not postpone it");
  });

  it("allows narrowing: fewer models, an earlier or the same expiry, a key without limits getting some", () => {
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { models: ["b"], expiresAt: later(2) }, limits: none }))).toBeNull();
    expect(refusal(() => checkKeyChange({ actor: "developer", key: restricted, change: { expiresAt: later(10) }, limits: none }))).toBeNull();
    const open = { models: [], expiresAt: null, createdAt: now };
    expect(refusal(() => checkKeyChange({ actor: "developer", key: open, change: { models: ["z"], expiresAt: later(400) }, limits: none }))).toBeNull();
  });

  it("holds everyone to the user's limits, admins included", () => {
    const limits = { models: ["a"], maxDays: 30 };
    const key = { models: [], expiresAt: null, createdAt: now };
    for (const actor of ["developer", "admin"] as const) {
      expect(refusal(() => checkKeyChange({ actor, key, change: { models: ["b"] }, limits }))?.field).toBe("models");
      expect(refusal(() => checkKeyChange({ actor, key, change: { expiresAt: later(31) }, limits }))?.field).toBe("expiresAt");
      expect(refusal(() => checkKeyChange({ actor, key, change: { expiresAt: null }, limits }))?.message).toContain("cannot be made to never expire");
    }
    expect(refusal(() => checkKeyChange({ actor: "admin", key: restricted, change: { models: [], expiresAt: null }, limits: none }))).toBeNull();
  });
});

describe("checkNewKey", () => {
  it("gives a new key the latest expiry the user's limit allows when none was asked for", () => {
    expect(checkNewKey({ actor: "developer", models: [], expiresAt: undefined, limits: { models: ["a"], maxDays: 7 }, now })?.toISOString()).toBe(later(7).toISOString());
    expect(checkNewKey({ actor: "developer", models: [], expiresAt: undefined, limits: none, now })).toBeNull();
  });

  it("refuses a new key outside the user's limits, with words for whoever asked", () => {
    const limits = { models: ["a", "b"], maxDays: 7 };
    expect(refusal(() => checkNewKey({ actor: "developer", models: ["c"], expiresAt: undefined, limits, now }))?.message).toBe(
      "models: c is not among the models an admin allows for your keys (a, b).",
    );
    expect(refusal(() => checkNewKey({ actor: "admin", models: ["c", "d"], expiresAt: undefined, limits, now }))?.message).toContain("c, d are not among the models an admin allows for this user's keys");
    expect(refusal(() => checkNewKey({ actor: "developer", models: [], expiresAt: null, limits, now }))?.message).toBe(
      `expiresAt: an admin limits your keys to 7 days, so this key must expire by ${later(7).toISOString()} (it cannot be made to never expire).`,
    );
    expect(refusal(() => checkNewKey({ actor: "developer", models: ["a"], expiresAt: later(3), limits, now }))).toBeNull();
  });
});
