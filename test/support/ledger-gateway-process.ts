// A Tollgate proxy process for the usage ledger's outage tests (test/integration/ledger-outage.test.ts):
// test/support/gateway-process.ts's server, started like `npm start` starts the ledger (the journal
// opened, an earlier process's records replayed), plus GET /__test/ledger: the ledger's state as
// /api/health reports it and this process's memory. Prints `{"port":N}` once listening.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleGatewayRequest } from "@/lib/boot/proxy-fast-path";
import { closeSharedStore } from "@/lib/store";
import { startUsageLedger, usageBuffer, usageLedgerState } from "@/lib/usage/usage-recorder";

const server = createServer((req, res) => {
  if (req.url === "/__test/ledger") {
    void usageLedgerState().then((ledger) => {
      const { rss, heapUsed } = process.memoryUsage();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...ledger, rss, heapUsed }));
    });
    return;
  }
  const served = handleGatewayRequest(req, res);
  if (!served) {
    res.writeHead(404).end();
    return;
  }
  served.catch(() => res.destroy());
});

void startUsageLedger().then(() =>
  server.listen(0, "127.0.0.1", () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  }),
);

process.once("SIGTERM", () => {
  server.close();
  void usageBuffer()
    .shutdown()
    .then(() => closeSharedStore())
    .finally(() => process.exit(0));
});
