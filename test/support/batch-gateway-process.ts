// A Tollgate process for the batch restart tests: the proxy's fast path (the Files and Batch APIs
// included) on node:http, and a batch runner, as one `npm start` process has them (the proxy in the
// main thread, the runner in the console's). Configured by its environment (DATABASE_URL,
// TOLLGATE_SECRET, BATCH_LEASE_MS, BATCH_ORG_ID); prints `{"port":N}` once listening. SIGTERM shuts
// down as the server does: stop accepting, stop the runner (calls in flight finish within the
// grace, BATCH_GRACE_MS), drain the usage buffer. Run with `npx tsx test/support/batch-gateway-process.ts`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BatchRunner } from "@/lib/batches/batch-runner";
import { handleGatewayRequest } from "@/lib/boot/proxy-fast-path";
import { closeSharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";

const runner = new BatchRunner({ pollIntervalMs: 100, leaseMs: Number(process.env.BATCH_LEASE_MS ?? 1500), orgId: process.env.BATCH_ORG_ID || undefined });

const server = createServer((req, res) => {
  const served = handleGatewayRequest(req, res);
  if (!served) return void res.writeHead(404).end();
  served.catch((error: unknown) => {
    console.error(error);
    res.destroy();
  });
});

server.listen(0, "127.0.0.1", () => {
  runner.start();
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

// `on`, not `once`: the signal reaches this process twice (the process group's, and tsx relaying its
// own), and a second one must not end the shutdown halfway.
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  server.close();
  void runner
    .stop(Number(process.env.BATCH_GRACE_MS ?? 10_000))
    .then(() => usageBuffer().shutdown())
    .then(() => closeSharedStore())
    .finally(() => process.exit(0));
});
