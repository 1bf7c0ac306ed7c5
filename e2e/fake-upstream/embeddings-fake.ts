// Fake embeddings for OpenAI (/v1/embeddings) and Gemini (:batchEmbedContents, :embedContent).
import { countTokens, embeddingFor, embeddingToBase64 } from "./answer";
import { sendJson } from "./fake-http";
import type { FakeCall, FakeEndpoint } from "./fake-endpoint";
import { openAiShape } from "./openai-fake";
import { geminiShape } from "./gemini-fake";

// Small on purpose: the vectors only need to be deterministic and comparable, not realistic in size.
const DEFAULT_DIMENSIONS = 32;

interface OpenAiEmbeddingsRequest {
  model?: string;
  input?: unknown;
  dimensions?: number;
  encoding_format?: string;
}

function openAiInputs(body: Record<string, unknown>): string[] {
  const input = (body as OpenAiEmbeddingsRequest).input;
  const items = Array.isArray(input) && (input.length === 0 || typeof input[0] !== "number") ? input : [input];
  return items.map((item) => (typeof item === "string" ? item : JSON.stringify(item ?? "")));
}

function answerOpenAi(call: FakeCall): void {
  const body = call.body as OpenAiEmbeddingsRequest;
  const dimensions = body.dimensions ?? DEFAULT_DIMENSIONS;
  const inputs = openAiInputs(call.body);
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  sendJson(call.res, 200, {
    object: "list",
    data: inputs.map((text, index) => {
      const vector = embeddingFor(text, dimensions);
      return { object: "embedding", index, embedding: body.encoding_format === "base64" ? embeddingToBase64(vector) : vector };
    }),
    model: body.model ?? "text-embedding-fake",
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

export const openAiEmbeddings: FakeEndpoint = {
  shape: openAiShape,
  promptOf: (body) => openAiInputs(body).join(" "),
  answer: answerOpenAi,
};

interface GeminiEmbedRequest {
  content?: { parts?: { text?: string }[] };
  outputDimensionality?: number;
}

function geminiText(request: GeminiEmbedRequest | undefined): string {
  return (request?.content?.parts ?? []).map((part) => part.text ?? "").join("");
}

function geminiRequests(body: Record<string, unknown>): GeminiEmbedRequest[] {
  const batch = (body as { requests?: GeminiEmbedRequest[] }).requests;
  return Array.isArray(batch) ? batch : [body as GeminiEmbedRequest];
}

function answerGemini(call: FakeCall): void {
  const vectors = geminiRequests(call.body).map((request) => ({
    values: embeddingFor(geminiText(request), request.outputDimensionality ?? DEFAULT_DIMENSIONS),
  }));
  const batch = call.url.pathname.endsWith(":batchEmbedContents");
  sendJson(call.res, 200, batch ? { embeddings: vectors } : { embedding: vectors[0] });
}

export const geminiEmbeddings: FakeEndpoint = {
  shape: geminiShape,
  promptOf: (body) => geminiRequests(body).map(geminiText).join(" "),
  answer: answerGemini,
};
