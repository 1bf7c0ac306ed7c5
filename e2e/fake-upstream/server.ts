// A real HTTP fake of OpenAI, Anthropic and Gemini for integration tests, e2e and the benchmark. Plain
// node:http and no per-request logging: it is the baseline the gateway's overhead is measured against.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseDirectives, stripDirectives, stripDirectivesPrefix } from "./directives";
import { readBody, sendHtmlErrorPage, sendJson, sleep } from "./fake-http";
import { failureMessage, type FakeEndpoint } from "./fake-endpoint";
import { openAiChat, openAiShape, sendGeminiModels, sendOpenAiModels } from "./openai-fake";
import { anthropicCountTokens, anthropicMessages, anthropicShape } from "./anthropic-fake";
import { geminiGenerate, geminiShape } from "./gemini-fake";
import { geminiEmbeddings, openAiEmbeddings } from "./embeddings-fake";

export interface FakeUpstreamOptions {
  port?: number;
  host?: string;
  /** when set, requests with another key get the provider's auth error */
  apiKey?: string;
  /** delay before every answer, unless a directive says otherwise */
  latencyMs?: number;
  /** delay between streamed content chunks, unless a directive says otherwise */
  chunkDelayMs?: number;
  /** how many recent requests to keep (default 1000); 0 turns recording off */
  recordLimit?: number;
  /** one line per request on stderr */
  log?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
  /** the client closed the connection before the answer was complete */
  aborted: boolean;
}

export interface FakeUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  clear(): void;
  close(): Promise<void>;
}

const GEMINI_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents|embedContent)$/;

function resolveEndpoint(pathname: string): { endpoint: FakeEndpoint; pathModel?: string } | null {
  if (pathname === "/v1/chat/completions") return { endpoint: openAiChat };
  if (pathname === "/v1/messages") return { endpoint: anthropicMessages };
  if (pathname === "/v1/messages/count_tokens") return { endpoint: anthropicCountTokens };
  if (pathname === "/v1/embeddings") return { endpoint: openAiEmbeddings };
  const gemini = GEMINI_PATH.exec(pathname);
  if (!gemini) return null;
  const embed = gemini[2] === "batchEmbedContents" || gemini[2] === "embedContent";
  return { endpoint: embed ? geminiEmbeddings : geminiGenerate, pathModel: decodeURIComponent(gemini[1]) };
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const recordLimit = options.recordLimit ?? 1000;
  let sequence = 0;

  function record(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): void {
    if (recordLimit <= 0) return;
    const entry: RecordedRequest = { method: req.method ?? "", path, headers: req.headers, body, receivedAt: Date.now(), aborted: false };
    res.once("close", () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    requests.push(entry);
    if (requests.length > recordLimit) requests.shift();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake-upstream");
    if (options.log) process.stderr.write(`fake-upstream ${req.method} ${url.pathname}\n`);
    if (url.pathname === "/__requests") {
      if (req.method === "DELETE") requests.length = 0;
      return sendJson(res, 200, requests);
    }
    if (req.method === "GET" && (url.pathname === "/v1/models" || url.pathname === "/v1beta/models")) {
      // The models listing (health probes, "test connection"): any of the three providers' key headers.
      const apiKey = options.apiKey;
      if (apiKey && ![openAiShape, anthropicShape, geminiShape].some((shape) => shape.authorized(req, url, apiKey))) return openAiShape.sendAuthError(res);
      return url.pathname === "/v1/models" ? sendOpenAiModels(res) : sendGeminiModels(res);
    }
    const route = req.method === "POST" ? resolveEndpoint(url.pathname) : null;
    if (!route) return sendJson(res, 404, openAiShape.errorBody(404, `No fake for ${req.method} ${url.pathname}.`));
    const { endpoint, pathModel } = route;

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, endpoint.shape.errorBody(400, "The request body is not valid JSON."));
    }
    record(req, res, url.pathname + url.search, body);
    if (options.apiKey && !endpoint.shape.authorized(req, url, options.apiKey)) return endpoint.shape.sendAuthError(res);

    const rawPrompt = endpoint.promptOf(body);
    const directives = parseDirectives(rawPrompt, req.headers);
    if (directives.hang) return; // close() destroys the socket
    const latencyMs = directives.latencyMs ?? options.latencyMs ?? 0;
    if (latencyMs > 0 && !(await sleep(latencyMs, res))) return;
    if (directives.status !== undefined && directives.status >= 400) {
      const headers: Record<string, string> = directives.retryAfter ? { "retry-after": directives.retryAfter } : {};
      if (directives.html) return sendHtmlErrorPage(res, directives.status, headers);
      return sendJson(res, directives.status, endpoint.shape.errorBody(directives.status, failureMessage(directives.status)), headers);
    }
    await endpoint.answer({
      req,
      res,
      url,
      body,
      prompt: directives.echoChars === undefined ? stripDirectives(rawPrompt) : stripDirectivesPrefix(rawPrompt, directives.echoChars),
      directives,
      chunkDelayMs: directives.chunkDelayMs ?? options.chunkDelayMs ?? 0,
      sequence: ++sequence,
      pathModel,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, openAiShape.errorBody(500, `The fake upstream crashed: ${String(error)}`));
    });
  });
  // Longer than the gateway's keep-alive so the gateway, not the fake, decides when idle sockets close.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    requests,
    clear: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and streams in flight would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
