import { describe, expect, it } from "vitest";
import type { StoredEntry } from "./cache-entry";
import { packCacheEntries, packTransferables, unpackCacheEntries } from "./cache-entry-pack";
import { vectorFromBytes, vectorToBytes } from "./entry-rows";

function entry(overrides: Partial<StoredEntry>): StoredEntry {
  return {
    id: "ce_1", orgId: "org_1", key: "k1", kind: "chat", model: "gpt-x", answer: '{"choices":[]}', inputTokens: 12, outputTokens: 34,
    bytes: 99, createdAt: 1_764_000_000_123, expiresAt: 1_764_003_600_123, namespace: "team:t1", teamId: "t1", keyId: "key_1",
    contextKey: null, prompt: "hello", request: '{"messages":[]}', vector: null, embedder: null, source: "call", ...overrides,
  };
}

describe("packed cache entries", () => {
  it("unpacks every field of every entry, nulls, empty strings and non-ASCII text included", () => {
    const entries = [
      entry({}),
      entry({ id: "ce_2", key: "k2", teamId: null, keyId: null, prompt: "", answer: "größer 😀 \u0000 \"q\"", request: "{}", source: "warmup", kind: "embedding" }),
      entry({ id: "ce_3", key: "k3", contextKey: "ctx", embedder: "builtin", vector: Float32Array.from([0.5, -1.25, 3]), outputTokens: 0 }),
    ];
    const packed = packCacheEntries(entries, vectorToBytes);
    // What postMessage does to it (the typed arrays are transferred).
    const cloned = structuredClone(packed, { transfer: packTransferables(packed) });
    expect(packed.numbers.byteLength).toBe(0); // transferred, not copied
    const unpacked = unpackCacheEntries(cloned);
    expect(unpacked).toHaveLength(3);
    for (let i = 0; i < entries.length; i++) {
      const { vector, ...rest } = entries[i];
      const { vector: bytes, ...restBack } = unpacked[i];
      expect(restBack).toEqual(rest);
      if (vector) expect(vectorFromBytes(bytes)).toEqual(vector);
      else expect(bytes).toBeNull();
    }
  });

  it("packs an empty batch", () => {
    expect(unpackCacheEntries(packCacheEntries([], vectorToBytes))).toEqual([]);
  });
});
