// The floor, for `npm run bench -- --floor`: about the least a Node.js proxy can do per call (node:http
// in, undici out on a keep-alive pool, parse and re-serialize the JSON, hash the bearer key, pipe SSE
// bytes as they come). No auth, limits, usage or Next.js. It shows what this machine allows.
//   PORT=… UPSTREAM=http://127.0.0.1:… node scripts/bench/floor-proxy.mjs
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { Agent, request } from "undici";

const upstream = process.env.UPSTREAM;
const agent = new Agent({ connections: 1024, keepAliveTimeout: 30_000 });

async function handle(req, res) {
  const parts = [];
  for await (const chunk of req) parts.push(chunk);
  const body = JSON.parse(Buffer.concat(parts).toString("utf8"));
  createHash("sha256").update(req.headers.authorization ?? "").digest("hex");
  const answer = await request(`${upstream}/v1/chat/completions`, {
    dispatcher: agent,
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
    body: JSON.stringify({ ...body, model: "gpt-4o-mini" }),
  });
  const requestId = `req_${randomUUID().replace(/-/g, "")}`;
  if (body.stream) {
    res.writeHead(answer.statusCode, { "content-type": "text/event-stream", "x-request-id": requestId });
    for await (const chunk of answer.body) res.write(chunk);
    res.end();
    return;
  }
  const text = JSON.stringify(JSON.parse(await answer.body.text()));
  res.writeHead(answer.statusCode, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": requestId });
  res.end(text);
}

http
  .createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`floor proxy listening on ${process.env.PORT}`));
