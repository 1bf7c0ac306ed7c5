import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, readImportGraph, type ImportGraph } from "../support/import-graph";

const ROOT = path.resolve(__dirname, "../..");

describe("module dependencies (docs/architecture.md)", () => {
  it("has no import cycles in lib/, app/ or components/, type-only imports included", () => {
    const graph = readImportGraph(ROOT, ["lib", "app", "components"]);
    expect(graph.size).toBeGreaterThan(500);
    expect(importCycles(graph).map((group) => group.join(" <-> "))).toEqual([]);
  });

  it("finds a cycle through several files and a file that imports itself", () => {
    const graph: ImportGraph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts", "d.ts"]],
      ["d.ts", []],
      ["e.ts", ["e.ts"]],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"], ["e.ts"]]);
  });
});
