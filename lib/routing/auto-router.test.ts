import { describe, expect, it } from "vitest";
import { chooseCandidate, promptFeatures, routerConfigSchema, type RouterCandidate } from "./auto-router";

const candidates: RouterCandidate[] = [
  { name: "large", contextWindow: 200_000, cost: 20n, latencyMs: 900, available: true },
  { name: "medium", contextWindow: 128_000, cost: 5n, latencyMs: 300, available: true },
  { name: "small", contextWindow: 16_000, cost: 1n, latencyMs: 500, available: true },
];
const config = routerConfigSchema.parse({
  candidates: ["large", "medium", "small"],
  rules: [{ when: { hasCode: true }, use: ["large", "medium"] }, { when: { minPromptTokens: 50_000 }, use: ["large"] }],
});
const plain = promptFeatures({ messages: [{ role: "user", content: "What is the capital of France?" }] });

describe("auto router", () => {
  it("picks by the request's priority: cost, speed, quality", () => {
    expect(chooseCandidate(config, plain, candidates, "cost", 0).ranked).toEqual(["small", "medium", "large"]);
    expect(chooseCandidate(config, plain, candidates, "speed", 0).ranked).toEqual(["medium", "small", "large"]);
    expect(chooseCandidate(config, plain, candidates, "quality", 0).ranked).toEqual(["large", "medium", "small"]);
    expect(chooseCandidate(config, plain, candidates, null, 0)).toMatchObject({ priority: "cost", ranked: ["small", "medium", "large"] });
  });

  it("rules on code, tools, size and conversation length narrow the candidates", () => {
    const code = promptFeatures({ messages: [{ role: "user", content: "Why does this fail?\n```js\nconst x = y.z;\n```" }] });
    expect(code.hasCode).toBe(true);
    expect(chooseCandidate(config, code, candidates, "cost", 0)).toMatchObject({ ranked: ["medium", "large"], rule: 0 });
    const tools = promptFeatures({ messages: [{ role: "user", content: "hi" }], tools: [{}] });
    expect(tools).toMatchObject({ hasTools: true, hasCode: false, messages: 1 });
  });

  it("leaves out candidates the prompt does not fit and those with no deployment available", () => {
    const long = { ...plain, promptTokens: 20_000 };
    expect(chooseCandidate(config, long, candidates, "cost", 0).ranked).toEqual(["medium", "large"]);
    const down = candidates.map((c) => (c.name === "medium" ? { ...c, available: false } : c));
    expect(chooseCandidate(config, long, down, "cost", 0).ranked).toEqual(["large"]);
    expect(chooseCandidate(config, { ...plain, promptTokens: 60_000 }, candidates, "cost", 0)).toMatchObject({ ranked: ["large"], rule: 1 });
  });

  it("validates its configuration", () => {
    expect(routerConfigSchema.safeParse({ candidates: [] }).success).toBe(false);
    expect(routerConfigSchema.safeParse({ candidates: ["a"], defaultPriority: "cheap" }).success).toBe(false);
  });
});
