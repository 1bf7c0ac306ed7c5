// OpenAI embeddings request ↔ Gemini batchEmbedContents. Gemini reports no token counts for embeddings,
// so usage is estimated (4 characters a token) to keep quotas and prices working.
import { BadRequestError, badResponseError } from "@/lib/http/errors";
import type { EmbeddingsRequest, EmbeddingsResponse } from "@/lib/openai-format/types";

export function embeddingInputs(request: EmbeddingsRequest): string[] {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (!inputs.every((input): input is string => typeof input === "string")) {
    throw new BadRequestError("Gemini embedding models accept text input only, not token arrays.", "input");
  }
  return inputs;
}

export function toGeminiEmbedRequest(inputs: string[], model: string, dimensions: number | undefined): Record<string, unknown> {
  return {
    requests: inputs.map((text) => ({
      model: `models/${model}`,
      content: { parts: [{ text }] },
      ...(dimensions ? { outputDimensionality: dimensions } : {}),
    })),
  };
}

function toBase64(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString("base64");
}

export function fromGeminiEmbedResponse(
  payload: unknown,
  inputs: string[],
  model: string,
  encoding: EmbeddingsRequest["encoding_format"],
): EmbeddingsResponse {
  const embeddings = (payload as { embeddings?: { values?: number[] }[] } | null)?.embeddings;
  if (!Array.isArray(embeddings) || embeddings.length !== inputs.length) {
    throw badResponseError("the embeddings answer does not match the inputs.");
  }
  const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  return {
    object: "list",
    data: embeddings.map((embedding, index) => {
      const values = embedding.values ?? [];
      return { object: "embedding", index, embedding: encoding === "base64" ? toBase64(values) : values };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
