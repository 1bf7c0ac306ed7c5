// The embedder the settings name: "builtin" (lexical), a catalog model, or none.
import { BUILTIN_EMBEDDER } from "../schemas";
import { catalogEmbedder } from "./catalog-embedder";
import type { Embedder } from "./embedder";
import { lexicalEmbedder } from "./lexical-embedder";

export type { EmbedCaller, Embedder } from "./embedder";

const byModel = new Map<string, Embedder>();

export function embedderFor(embeddingModel: string | null): Embedder | null {
  if (embeddingModel === null) return null;
  if (embeddingModel === BUILTIN_EMBEDDER) return lexicalEmbedder;
  let embedder = byModel.get(embeddingModel);
  if (!embedder) {
    embedder = catalogEmbedder(embeddingModel);
    byModel.set(embeddingModel, embedder);
  }
  return embedder;
}
