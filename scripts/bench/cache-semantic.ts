// Semantic cache index micro-benchmark: lookups in one group of N vectors of D dimensions (default
// 50,000 × 1,536, the target: p99 < 5 ms), with the exact scan and with the SimHash
// prefilter the index uses past 2,048 entries, on two data sets: random unit vectors, and clustered
// ones (100 topics; vectors of a topic have cosine ≈ 0.5 between them, as real embeddings of related
// questions do). Queries are paraphrase-like (cosine ≈ 0.9 to one stored vector); recall = how often
// the lookup returns that vector. Run: node --import tsx scripts/bench/cache-semantic.ts [N] [D]
// EXACT=0 measures only the path the index takes at that size (the full scan costs minutes at 50,000);
// JSON=1 also prints one JSON line per measurement (scripts/bench/cache.mjs reads them).
import { normalize, VectorGroup } from "../../lib/cache/vector-group";

const N = Number(process.argv[2] ?? 50_000);
const D = Number(process.argv[3] ?? 1536);
const QUERIES = 300;
/** Topic weight of a clustered vector: 0.5 gives cosine ≈ 0.5 between two vectors of a topic; TOPIC_WEIGHT=0.7 gives ≈ 0.85 (500 near-paraphrases per topic, a harsh case). */
const TOPIC_WEIGHT = Number(process.env.TOPIC_WEIGHT ?? 0.5);

let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const gaussian = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
const unit = () => normalize(Float32Array.from({ length: D }, gaussian));

function mix(a: Float32Array, b: Float32Array, weight: number): Float32Array {
  return normalize(a.map((x, i) => weight * x + (1 - weight) * b[i]));
}

function dataset(kind: "random" | "clustered"): Float32Array[] {
  if (kind === "random") return Array.from({ length: N }, unit);
  const topics = Array.from({ length: 100 }, unit);
  return Array.from({ length: N }, (_, i) => mix(topics[i % 100], unit(), TOPIC_WEIGHT));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

for (const kind of (process.env.DATASET ? [process.env.DATASET] : ["random", "clustered"]) as ("random" | "clustered")[]) {
  const vectors = dataset(kind);
  const group = new VectorGroup(D);
  const insertStart = performance.now();
  vectors.forEach((v, i) => group.add(`k${i}`, `id${i}`, "", v, Infinity));
  const insertMs = (performance.now() - insertStart) / N;
  for (const exact of process.env.EXACT === "0" ? [false] : [true, false]) {
    const times: number[] = [];
    let found = 0;
    let similarity = 0;
    const cpuStart = process.cpuUsage();
    for (let q = 0; q < QUERIES + 20; q++) {
      const target = Math.floor(random() * N);
      const query = mix(vectors[target], unit(), 0.67); // cosine ≈ 0.9 to its target
      const t = performance.now();
      const match = group.nearest(query, 0, exact);
      const elapsed = performance.now() - t;
      if (q < 20) continue; // warm-up
      times.push(elapsed);
      if (match?.key === `k${target}`) found++;
      similarity += match?.similarity ?? 0;
    }
    const cpu = process.cpuUsage(cpuStart);
    times.sort((a, b) => a - b);
    console.log(
      `${kind.padEnd(9)} ${exact ? "exact  " : "simhash"} N=${N} D=${D}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, ` +
        `CPU ${((cpu.user + cpu.system) / 1000 / (QUERIES + 20)).toFixed(2)} ms/lookup, recall ${found}/${QUERIES}, mean similarity ${(similarity / QUERIES).toFixed(3)}` +
        (exact ? `, insert ${insertMs.toFixed(3)} ms/vector` : ""),
    );
    if (process.env.JSON === "1") {
      const cpuMsPerLookup = (cpu.user + cpu.system) / 1000 / (QUERIES + 20);
      console.log(JSON.stringify({ dataset: kind, path: exact ? "exact" : "simhash", entries: N, dimensions: D, p50: percentile(times, 50), p99: percentile(times, 99), cpuMsPerLookup, recall: found / QUERIES, insertMs }));
    }
  }
}
