// Hit rates of the cache's two admissions on a Zipf-distributed workload (decision 025's table):
// an LRU of CAP entries over REQ requests drawn from Zipf(S) over N distinct prompts, storing every
// miss ("always") or only a miss whose key was seen before ("repeated": sightings in two rotating
// sets of W keys, the doorkeeper's generations). A model of the policy, not of Tollgate's code.
//   node scripts/bench/diag/cache-admission-sim.mjs N S REQ CAP W
//   e.g. node scripts/bench/diag/cache-admission-sim.mjs 1000000 0.8 2000000 10000 100000
const [N, S, REQ, CAP, W] = process.argv.slice(2).map(Number);

// Zipf by inverse transform over the cumulative weights 1/rank^S.
const cumulative = new Float64Array(N);
let total = 0;
for (let i = 0; i < N; i++) {
  total += 1 / Math.pow(i + 1, S);
  cumulative[i] = total;
}

// mulberry32: a seeded PRNG, so every run draws the same requests.
let state = 42;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function sample() {
  const x = random() * total;
  let lo = 0;
  let hi = N - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const requests = new Int32Array(REQ);
for (let i = 0; i < REQ; i++) requests[i] = sample();

function run(doorkeeper) {
  const lru = new Map();
  let hits = 0;
  let stores = 0;
  let current = new Set();
  let previous = new Set();
  for (const key of requests) {
    if (lru.has(key)) {
      lru.delete(key);
      lru.set(key, true);
      hits++;
      continue;
    }
    if (doorkeeper && !current.has(key) && !previous.has(key)) {
      current.add(key);
      if (current.size >= W) {
        previous = current;
        current = new Set();
      }
      continue;
    }
    lru.set(key, true);
    stores++;
    if (lru.size > CAP) lru.delete(lru.keys().next().value);
  }
  return `${((hits / REQ) * 100).toFixed(1)} % hits, ${stores} stores`;
}

console.log(`N=${N} s=${S} cap=${CAP} W=${W}: always ${run(false)} | repeated ${run(true)}`);
