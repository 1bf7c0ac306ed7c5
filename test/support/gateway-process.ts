// A minimal Tollgate proxy process for multi-process tests: the proxy routes served straight from
// node:http by the same handler scripts/server.mjs uses, configured by the environment it is given
// (DATABASE_URL, REDIS_URL, TOLLGATE_SECRET). Prints `{"port":N}` once listening; drains its usage
// buffer on SIGTERM. Run with `npx tsx test/support/gateway-process.ts`.
// TOLLGATE_TEST_LOOP_PROBE=1: GET /__test/loop answers the longest event-loop stall since the last
// read, `{ "maxStallMs": n, "maxBusyStallMs": n }` (test/support/loop-probe.ts); POST /__test/stringify
// parses its JSON body, then, in a turn of its own, serializes and encodes it in one go (what the proxy
// did with every upstream body before lib/json/): the stall that makes is the yardstick a test compares
// the proxy's stalls with, measured on the same machine at the same moment.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleGatewayRequest } from "@/lib/boot/proxy-fast-path";
import { closeSharedStore } from "@/lib/store";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { startLoopProbe } from "./loop-probe";

const loopProbe = process.env.TOLLGATE_TEST_LOOP_PROBE === "1" ? startLoopProbe() : null;

function stringifyInOneGo(req: IncomingMessage, res: ServerResponse): void {
  const parts: Buffer[] = [];
  req.on("data", (part: Buffer) => parts.push(part));
  req.on("end", () => {
    const body: unknown = JSON.parse(Buffer.concat(parts).toString("utf8"));
    setImmediate(() => {
      const bytes = Buffer.from(JSON.stringify(body));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bytes: bytes.length }));
    });
  });
}

const server = createServer((req, res) => {
  if (loopProbe && req.url === "/__test/loop") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(loopProbe.read()));
    return;
  }
  if (loopProbe && req.url === "/__test/stringify" && req.method === "POST") return stringifyInOneGo(req, res);
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
