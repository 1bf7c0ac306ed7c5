import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { chatCacheKey, chatContextKey, embeddingItemKey, embeddingOptionsText } from "./cache-key";
import { parseCacheDirectives } from "./cache-directives";

const scope = { orgId: "org1", namespace: "team:t1", model: "gpt" };
const request = (extra: Record<string, unknown> = {}) => ({ model: "gpt", messages: [{ role: "user", content: "hi" }], ...extra });

describe("canonicalJson", () => {
  it("sorts keys at every depth and follows JSON.stringify otherwise", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson([undefined, NaN, "é\n"])).toBe(JSON.stringify([null, null, "é\n"]));
  });
});

describe("cache keys", () => {
  it("ignore key order, stream, stream_options and user", () => {
    const key = chatCacheKey(scope, request({ temperature: 0 }));
    expect(chatCacheKey(scope, { temperature: 0, messages: [{ content: "hi", role: "user" }], model: "gpt", stream: true, stream_options: { include_usage: true }, user: "u" })).toBe(key);
  });

  it("change with every field that can change the answer, and with the namespace, organization and model", () => {
    const base = chatCacheKey(scope, request());
    for (const extra of [{ temperature: 0.5 }, { max_tokens: 5 }, { tools: [] }, { seed: 1 }, { n: 2 }, { stop: ["x"] }, { response_format: { type: "json_object" } }, { vendor_field: 1 }]) {
      expect(chatCacheKey(scope, request(extra))).not.toBe(base);
    }
    expect(chatCacheKey({ ...scope, namespace: "team:t2" }, request())).not.toBe(base);
    expect(chatCacheKey({ ...scope, orgId: "org2" }, request())).not.toBe(base);
    expect(chatCacheKey({ ...scope, model: "other" }, request())).not.toBe(base);
  });

  it("have a context key without the last user message (null when the last message is not plain user text)", () => {
    const a = chatContextKey(scope, { model: "gpt", messages: [{ role: "system", content: "s" }, { role: "user", content: "one" }] });
    const b = chatContextKey(scope, { model: "gpt", messages: [{ role: "system", content: "s" }, { role: "user", content: "two" }] });
    expect(a).toBe(b);
    expect(chatContextKey(scope, { model: "gpt", messages: [{ role: "system", content: "t" }, { role: "user", content: "two" }] })).not.toBe(a);
    expect(chatContextKey(scope, { model: "gpt", messages: [{ role: "user", content: "x" }, { role: "assistant", content: "y" }] })).toBeNull();
    expect(chatContextKey(scope, { model: "gpt", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "u" } }] }] })).toBeNull();
  });

  it("key embeddings per item, options included", () => {
    const options = embeddingOptionsText({ model: "e", input: ["a"], dimensions: 8, encoding_format: "float" });
    expect(embeddingItemKey(scope, options, "a")).not.toBe(embeddingItemKey(scope, options, "b"));
    expect(embeddingItemKey(scope, options, "a")).not.toBe(embeddingItemKey(scope, embeddingOptionsText({ model: "e", input: ["a"], dimensions: 16 }), "a"));
    expect(embeddingItemKey(scope, options, "1,2")).not.toBe(embeddingItemKey(scope, options, [1, 2]));
  });
});

describe("parseCacheDirectives", () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
  it("reads no-cache, no-store and the TTL; refuses a bad TTL", () => {
    expect(parseCacheDirectives(headers({ "cache-control": "No-Cache, max-age=0" }))).toEqual({ noCache: true, noStore: false, ttlSeconds: null });
    expect(parseCacheDirectives(headers({ "cache-control": "no-store", "x-tollgate-cache-ttl": "60" }))).toEqual({ noCache: false, noStore: true, ttlSeconds: 60 });
    expect(() => parseCacheDirectives(headers({ "x-tollgate-cache-ttl": "-1" }))).toThrow(/x-tollgate-cache-ttl/);
    expect(() => parseCacheDirectives(headers({ "x-tollgate-cache-ttl": "0" }))).toThrow();
  });
});
