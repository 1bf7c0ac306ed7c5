import { describe, expect, it } from "vitest";
import { lexicalVector } from "./embedders/lexical-embedder";
import { EXACT_SCAN_MAX, normalize, VectorGroup } from "./vector-group";
import { CacheIndex } from "./cache-index";

function randomUnit(dims: number, random: () => number): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = random() - 0.5;
  return normalize(v);
}

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe("VectorGroup", () => {
  it("finds the nearest vector exactly in a small group, and after deletions", () => {
    const random = seeded(1);
    const group = new VectorGroup(32);
    const vectors = Array.from({ length: 50 }, () => randomUnit(32, random));
    vectors.forEach((v, i) => group.add(`k${i}`, `id${i}`, `p${i}`, v, Infinity));
    expect(group.nearest(vectors[17], 0)).toMatchObject({ key: "k17", prompt: "p17" });
    expect(group.nearest(vectors[17], 0)!.similarity).toBeCloseTo(1, 5);
    group.delete("k17");
    expect(group.nearest(vectors[17], 0)!.key).not.toBe("k17");
    expect(group.nearest(vectors[49], 0)!.key).toBe("k49");
  });

  it("past the exact-scan size, still finds a near neighbour through the signatures", () => {
    const random = seeded(7);
    const dims = 64;
    const group = new VectorGroup(dims);
    const count = EXACT_SCAN_MAX + 1000;
    const vectors = Array.from({ length: count }, () => randomUnit(dims, random));
    vectors.forEach((v, i) => group.add(`k${i}`, `id${i}`, "", v, Infinity));
    for (const target of [5, 1234, count - 1]) {
      const noisy = normalize(vectors[target].map((x) => x + (random() - 0.5) * 0.05));
      const match = group.nearest(noisy, 0)!;
      expect(match.key).toBe(`k${target}`);
      expect(match.similarity).toBeGreaterThan(0.9);
    }
  });

  it("skips expired vectors", () => {
    const group = new VectorGroup(4);
    group.add("old", "1", "", normalize(new Float32Array([1, 0, 0, 0])), 100);
    group.add("new", "2", "", normalize(new Float32Array([0.5, 0.5, 0, 0])), Infinity);
    expect(group.nearest(normalize(new Float32Array([1, 0, 0, 0])), 200)!.key).toBe("new");
  });
});

describe("CacheIndex", () => {
  it("keeps semantic groups apart by context key and embedder", () => {
    const index = new CacheIndex();
    const vector = lexicalVector("reset my password");
    const entry = { id: "1", orgId: "o", key: "k1", model: "m", namespace: "org", teamId: null, expiresAt: Infinity };
    index.add(entry, { contextKey: "ctx", embedder: "builtin", vector, prompt: "reset my password" });
    expect(index.nearest("ctx", "builtin", vector, 0)?.key).toBe("k1");
    expect(index.nearest("other", "builtin", vector, 0)).toBeNull();
    expect(index.nearest("ctx", "model:x", vector, 0)).toBeNull();
    index.delete("k1");
    expect(index.nearest("ctx", "builtin", vector, 0)).toBeNull();
    expect(index.find("k1", 0)).toBeUndefined();
  });
});

describe("the builtin lexical embedder", () => {
  const cosine = (a: string, b: string) => lexicalVector(a).reduce((sum, x, i) => sum + x * lexicalVector(b)[i], 0);
  it("scores shared wording high and different wording low (lexical similarity, not meaning)", () => {
    expect(cosine("How do I reset my password?", "how can I reset my password")).toBeGreaterThan(0.7);
    expect(cosine("How do I reset my password?", "What is the capital of France?")).toBeLessThan(0.2);
    expect(cosine("I forgot my login", "password reset")).toBeLessThan(0.2);
  });
});
