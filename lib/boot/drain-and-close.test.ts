// drainAndClose in the console's thread, as scripts/next-worker.mjs runs it: a real worker thread
// running the console-thread bundle (scripts/build-threads.mjs; the vitest setup builds it) hands
// its usage over to the main thread through the typed bridge, and stays alive until the main thread
// has answered, even when nothing else keeps it running (its HTTP server is closed by then).
import path from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { threadBundleFile } from "../../scripts/build-threads.mjs";
import { serveHostBridge } from "./host-bridge";

const ROOT = path.resolve(__dirname, "../..");
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

// The worker attaches the port and drains: what next-worker.mjs does once its server has drained.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { attachHostPort, drainAndClose } = require(workerData.bundle);
attachHostPort(workerData.hostPort);
drainAndClose().then((report) => parentPort.postMessage({ report, at: Date.now() }));
`;

describe("drainAndClose in the console's thread", () => {
  it("asks the main thread to write the usage it posted, and waits for the answer before it exits", async () => {
    const { port1, port2 } = new MessageChannel();
    let answeredAt = 0;
    serveHostBridge(port1, () => ({
      "usage.flush": () => new Promise<void>((resolve) => setTimeout(() => ((answeredAt = Date.now()), resolve()), 300)),
    }));
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { bundle: threadBundleFile(ROOT, "console-thread"), hostPort: port2 },
      transferList: [port2],
    });
    workers.push(worker);
    const outcome = await new Promise<{ report: { unwritten: number }; at: number } | { exitedWith: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => resolve({ exitedWith: code }));
    });
    expect(outcome).toMatchObject({ report: { unwritten: 0 } });
    expect("at" in outcome && outcome.at >= answeredAt && answeredAt > 0).toBe(true);
    port1.close();
  });
});
