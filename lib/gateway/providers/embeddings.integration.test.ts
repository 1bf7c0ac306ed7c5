import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { adapterFor } from "./index";
import { FAKE_API_KEY, targetFor, upstreamErrorOf } from "./adapter-test-helpers";

let upstream: FakeUpstream;
const signal = new AbortController().signal;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: FAKE_API_KEY });
});
afterAll(() => upstream.close());

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i], 0);
}

describe("embeddings", () => {
  it("openai: deterministic vectors, usage, and the upstream model", async () => {
    const target = targetFor("openai", upstream, { upstreamModel: "text-embedding-3-small" });
    const request = { model: "embed", input: ["the capital of France", "the capital of France", "bananas"], dimensions: 16 };
    const response = await adapterFor("openai").embeddings!(request, target, signal);
    expect(response.model).toBe("text-embedding-3-small");
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    const [a, b, c] = response.data.map((item) => item.embedding as number[]);
    expect(a).toHaveLength(16);
    expect(a).toEqual(b);
    expect(cosine(a, b)).toBeCloseTo(1);
    expect(cosine(a, c)).toBeLessThan(0.9);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: "text-embedding-3-small" });
  });

  it("gemini: batchEmbedContents in OpenAI's shape", async () => {
    const target = targetFor("gemini", upstream, { upstreamModel: "models/text-embedding-004" });
    const response = await adapterFor("gemini").embeddings!({ model: "embed", input: ["one", "two"], dimensions: 8 }, target, signal);
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.data[0].embedding).toHaveLength(8);
    expect(upstream.requests.at(-1)?.path).toBe("/v1beta/models/text-embedding-004:batchEmbedContents");
  });

  it("maps embedding failures like chat failures", async () => {
    const error = await upstreamErrorOf(
      adapterFor("openai").embeddings!({ model: "embed", input: "x [[fake:status=429,retry-after=3]]" }, targetFor("openai", upstream), signal),
    );
    expect(error).toMatchObject({ status: 429, headers: { "retry-after": "3" } });
  });

  it("anthropic has no embeddings API", () => {
    expect(adapterFor("anthropic").embeddings).toBeUndefined();
  });
});
