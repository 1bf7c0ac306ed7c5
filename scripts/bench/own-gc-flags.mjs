// The load generator runs in the benchmark's own process, on the same 2 cores as what it measures.
// With V8's defaults its scavenges are parallel: helper threads wake on both cores for a few ms and
// take them from Tollgate and the fake upstream, and every request in flight then looks slow. In
// --diag runs the slow streamed requests came in clusters exactly while this process's helper
// threads ran (6–13 ms of their CPU in 5 ms windows; docs/decisions/011-load-generator-single-threaded-gc.md). So the benchmark
// runs itself with a single-threaded GC and a young generation large enough to scavenge rarely: the
// measuring instrument should disturb the measured as little as it can. Same load in every run
// (direct, Tollgate, Portkey, floor), so the comparison stays fair.
import { spawn } from "node:child_process";
import { constants } from "node:os";

export const OWN_GC_FLAGS = ["--single-threaded-gc", "--max-semi-space-size=32"];

/** Re-runs this script under OWN_GC_FLAGS unless it already has them; returns only in that process. */
export async function ensureOwnGcFlags(scriptPath) {
  if (OWN_GC_FLAGS.every((flag) => process.execArgv.includes(flag))) return;
  const child = spawn(process.execPath, [...process.execArgv, ...OWN_GC_FLAGS, scriptPath, ...process.argv.slice(2)], { stdio: "inherit" });
  // Ctrl-C reaches the child from the terminal (same process group), and the child stops its own
  // children on it: this process only waits. A SIGTERM or SIGHUP sent to this process alone is passed on.
  process.on("SIGINT", () => {});
  for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.once("exit", (exitCode, signal) => resolve(exitCode ?? 128 + (constants.signals[signal] ?? 0))));
  process.exit(code);
}
