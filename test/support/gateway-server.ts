// Serves the proxy's fast path (lib/boot/proxy-fast-path.ts) on node:http, exactly as
// scripts/server.mjs does in production, minus Next.js for everything else (404 here).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleGatewayRequest } from "@/lib/boot/proxy-fast-path";

export async function serveGateway(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const served = handleGatewayRequest(req, res);
    if (!served) {
      res.writeHead(404, { "content-type": "text/plain" });
      return void res.end("not a proxy route");
    }
    served.catch((error) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
