import { describe, expect, it } from "vitest";
import { scopeLabel, scopeName } from "./scope-label";

describe("scopeLabel", () => {
  const names = { key: "ci", user: "Ada Lovelace", team: "Platform" };

  it("names the key, user and team as the caller knows them", () => {
    expect(scopeLabel("key", "k_1", names)).toBe("key “ci”");
    expect(scopeLabel("user", "u_1", names)).toBe("user “Ada Lovelace”");
    expect(scopeLabel("team", "t_1", names)).toBe("team “Platform”");
    expect(scopeLabel("org", "o_1", names)).toBe("the organization");
  });

  it("falls back to the id when no name was loaded", () => {
    expect(scopeLabel("key", "k_1", undefined)).toBe("key k_1");
    expect(scopeLabel("team", "t_1", { key: "ci" })).toBe("team t_1");
    expect(scopeLabel("user", "u_1", { user: "  " })).toBe("user u_1");
    expect(scopeName("team", { key: "ci" })).toBeNull();
    expect(scopeName("key", names)).toBe("ci");
  });
});
