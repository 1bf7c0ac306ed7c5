// An OTLP/HTTP receiver for the tracing scenario (scripts/bench/tracing.mjs): accepts every POST to
// /v1/traces, reads its body and discards it (a collector's cost is not Tollgate's), and answers what
// a collector answers. GET /stats tells how many exports and bytes arrived, so the scenario can check
// that the traced Tollgate really exported. Usage: node scripts/bench/otlp-sink.mjs <port>
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 0);
let requests = 0;
let bytes = 0;

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/stats") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests, bytes }));
    return;
  }
  request.on("data", (chunk) => {
    bytes += chunk.length;
  });
  request.on("end", () => {
    if (request.url === "/v1/traces") requests += 1;
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`otlp sink listening on ${server.address().port}`));
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
