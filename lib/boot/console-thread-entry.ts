// What scripts/next-worker.mjs needs from lib/ in the console's thread, as one module: bundled by
// scripts/build-threads.mjs. Next.js has its own copy of lib/ in that thread; both reach the same
// bridge, store, database client and usage hand-over through their globalThis slots.
export { attachHostPort } from "./host-bridge";
export { drainAndClose } from "./drain-and-close";
export { stopJobRunners } from "../jobs/runner-slots";
