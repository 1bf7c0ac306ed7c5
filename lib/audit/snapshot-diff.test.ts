import { describe, expect, it } from "vitest";
import { diffSnapshots, formatDiffValue } from "./snapshot-diff";

describe("diffSnapshots", () => {
  it("marks changed, unchanged, added and removed fields, flattening nested objects", () => {
    const rows = diffSnapshots(
      { name: "Old", memberCount: 2, config: { region: "eu", tier: 1 }, gone: true, models: ["a"] },
      { name: "New", memberCount: 2, config: { region: "us", tier: 1 }, models: ["a", "b"], apiKey: "••••" },
    );
    expect(rows).toEqual([
      { path: "name", before: "Old", after: "New", change: "changed" },
      { path: "memberCount", before: 2, after: 2, change: "unchanged" },
      { path: "config.region", before: "eu", after: "us", change: "changed" },
      { path: "config.tier", before: 1, after: 1, change: "unchanged" },
      { path: "gone", before: true, after: undefined, change: "removed" },
      { path: "models", before: ["a"], after: ["a", "b"], change: "changed" },
      { path: "apiKey", before: undefined, after: "••••", change: "added" },
    ]);
  });

  it("shows a create as all-added and a delete as all-removed", () => {
    expect(diffSnapshots(null, { id: "t1" })).toEqual([{ path: "id", before: undefined, after: "t1", change: "added" }]);
    expect(diffSnapshots({ id: "t1" }, null)).toEqual([{ path: "id", before: "t1", after: undefined, change: "removed" }]);
    expect(diffSnapshots(null, null)).toEqual([]);
  });

  it("treats a null field as a value and a non-object snapshot as one value", () => {
    expect(diffSnapshots({ teamId: null }, { teamId: "t" })[0]).toMatchObject({ change: "changed", before: null });
    expect(diffSnapshots("raw text", null)).toEqual([{ path: "(value)", before: "raw text", after: undefined, change: "removed" }]);
  });

  it("formats values for display", () => {
    expect(formatDiffValue(undefined)).toBe("");
    expect(formatDiffValue(null)).toBe("null");
    expect(formatDiffValue("x")).toBe("x");
    expect(formatDiffValue(["a", 1])).toBe('["a",1]');
    expect(formatDiffValue(false)).toBe("false");
  });
});
