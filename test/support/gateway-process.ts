// A minimal Tollgate proxy process for multi-process tests: the proxy routes served straight from
// node:http by the same handler scripts/server.mjs uses, configured by the environment it is given
// (DATABASE_URL, REDIS_URL, TOLLGATE_SECRET). Prints `{"port":N}` once listening; drains its usage
// buffer on SIGTERM. Run with `npx tsx test/support/gateway-process.ts`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleGatewayRequest } from "@/lib/gateway/transport/node-gateway";
import { closeSharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";

const server = createServer((req, res) => {
  const served = handleGatewayRequest(req, res);
  if (!served) {
    res.writeHead(404).end();
    return;
  }
  served.catch((error: unknown) => {
    console.error(error);
    res.destroy();
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

process.once("SIGTERM", () => {
  server.close();
  void usageBuffer()
    .shutdown()
    .then(() => closeSharedStore())
    .finally(() => process.exit(0));
});
