import { describe, expect, it } from "vitest";
import { MASK, maskSecrets, serializeSnapshot } from "./mask-secrets";

describe("maskSecrets", () => {
  it("masks every secret-looking key, at any depth and in arrays, and keeps a key's prefix", () => {
    const masked = maskSecrets({
      name: "prod",
      password: "hunter22",
      apiKey: "sk-live-123",
      api_key: "sk-2",
      keyHash: "abc",
      encryptedApiKey: "v1:xyz",
      clientSecret: "s",
      refreshToken: "t",
      prefix: "tg-abc123",
      nested: { deeper: [{ PASSWORD: "p", ok: 1 }], webhookSecret: { any: "thing" } },
    });
    expect(masked).toEqual({
      name: "prod",
      password: MASK,
      apiKey: MASK,
      api_key: MASK,
      keyHash: MASK,
      encryptedApiKey: MASK,
      clientSecret: MASK,
      refreshToken: MASK,
      prefix: "tg-abc123",
      nested: { deeper: [{ PASSWORD: MASK, ok: 1 }], webhookSecret: MASK },
    });
  });

  it("keeps limits, flags and absent secrets readable", () => {
    expect(maskSecrets({ maxTokens: 5000, hasApiKey: true, password: null, token: "" })).toEqual({
      maxTokens: 5000,
      hasApiKey: true,
      password: null,
      token: "",
    });
  });

  it("turns dates into ISO strings, drops undefined and survives cycles", () => {
    const cyclic: Record<string, unknown> = { at: new Date("2025-01-02T03:04:05.678Z"), gone: undefined, big: 10n };
    cyclic.self = cyclic;
    expect(maskSecrets(cyclic)).toEqual({ at: "2025-01-02T03:04:05.678Z", big: "10", self: "[Circular]" });
  });

  it("serializes snapshots without the secret and null for no snapshot", () => {
    const text = serializeSnapshot({ apiKey: "sk-live-should-not-appear" });
    expect(text).not.toContain("sk-live");
    expect(JSON.parse(text!)).toEqual({ apiKey: MASK });
    expect(serializeSnapshot(undefined)).toBeNull();
    expect(serializeSnapshot(null)).toBeNull();
  });
});
