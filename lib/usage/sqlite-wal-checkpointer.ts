// Moves SQLite's WAL checkpoints off the event loop: a worker thread with its own connection runs a
// PASSIVE checkpoint (never blocks readers or writers) every second, and a TRUNCATE one when it is
// stopped, so the WAL neither grows without bound nor costs the proxy a stall.
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

const EVERY_MS = 1000;

// Inline, so it works the same from the Next.js bundle, the start bundle and tests (no file to find).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = (mode) => { try { db.pragma("wal_checkpoint(" + mode + ")"); } catch {} };
const timer = setInterval(() => checkpoint("PASSIVE"), workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  checkpoint("TRUNCATE");
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(file: string): WalCheckpointer {
  const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs: EVERY_MS } });
  worker.unref(); // never what keeps the process alive
  worker.on("error", () => {}); // a failed checkpoint only lets the WAL grow until the next one
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.ref(); // the final checkpoint must finish even if nothing else is pending
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}
