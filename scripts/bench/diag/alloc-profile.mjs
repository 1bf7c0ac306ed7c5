// Preloaded into Tollgate by `npm run bench -- --alloc` (node --import). Counts every allocation of
// the main thread, not only what is still alive: V8's sampling heap profiler, told to keep the
// samples of objects that minor and major GCs collected. The bench sends SIGUSR2 before and after
// each measured open-loop run; each window is written to TOLLGATE_ALLOC_DIR/<n>.heapprofile and
// summarised by scripts/bench/diag/alloc-summary.mjs. With TOLLGATE_ALLOC_SURVIVORS=1 the samples of
// objects a scavenge collected are dropped: what is left is what survived the young generation
// (promoted to the old one, where each scavenge copies it: the scavenges' cost). Not for production.
import fs from "node:fs";
import inspector from "node:inspector";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";

const dir = process.env.TOLLGATE_ALLOC_DIR;
if (isMainThread && dir) {
  fs.mkdirSync(dir, { recursive: true });
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  let window = 0;
  let sampling = false;
  process.on("SIGUSR2", () => {
    if (!sampling) {
      sampling = true;
      void post("HeapProfiler.startSampling", {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: process.env.TOLLGATE_ALLOC_SURVIVORS !== "1",
      });
      return;
    }
    sampling = false;
    const file = join(dir, `${++window}.heapprofile`);
    void post("HeapProfiler.stopSampling").then(({ profile }) => fs.writeFileSync(file, JSON.stringify(profile)));
  });
}
