// Helpers of the batch tests: a JSONL input built from prompts, the official `openai` SDK pointed at
// a Tollgate, polling a batch until it ends, and reading the upstream's request log.
import OpenAI, { toFile } from "openai";
import type { FakeUpstream } from "@/e2e/fake-upstream/server";

export interface InputLine {
  custom_id: string;
  method?: string;
  url?: string;
  body: Record<string, unknown>;
}

export function chatLine(customId: string, prompt: string, model: string, extra: Record<string, unknown> = {}): InputLine {
  return { custom_id: customId, body: { model, messages: [{ role: "user", content: prompt }], ...extra } };
}

export function jsonl(lines: (InputLine | string)[], endpoint = "/v1/chat/completions"): string {
  return lines.map((line) => (typeof line === "string" ? line : JSON.stringify({ method: "POST", url: endpoint, ...line }))).join("\n") + "\n";
}

export function sdk(baseUrl: string, key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
}

export async function uploadBatchInput(client: OpenAI, text: string, filename = "input.jsonl") {
  return client.files.create({ file: await toFile(Buffer.from(text), filename), purpose: "batch" });
}

const FINAL = new Set(["completed", "failed", "expired", "cancelled"]);

/** Retrieves the batch with the SDK until it has ended (or `until` says so). */
export async function waitForBatch(client: OpenAI, id: string, until: (batch: OpenAI.Batches.Batch) => boolean = (b) => FINAL.has(b.status), timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await client.batches.retrieve(id);
    if (until(batch)) return batch;
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${batch.status} after ${timeoutMs} ms: ${JSON.stringify(batch.request_counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ResultLine {
  id: string;
  custom_id: string | null;
  response: { status_code: number; request_id: string; body: Record<string, unknown> } | null;
  error: { code: string; message: string; line?: number } | null;
}

export async function fileLines(client: OpenAI, fileId: string | null | undefined): Promise<ResultLine[]> {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as ResultLine);
}

/** How many times the upstream received a chat request whose last message is exactly `text`. */
export function timesSent(upstream: FakeUpstream, text: string): number {
  return upstream.requests.filter((request) => {
    const messages = (request.body as { messages?: { content?: unknown }[] } | null)?.messages;
    return messages?.at(-1)?.content === text;
  }).length;
}
