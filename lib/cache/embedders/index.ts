// The embedder the settings name: "builtin" (lexical), a catalog model (made by the caller's
// factory: the gateway's, see ./embedder.ts), or none.
import { BUILTIN_EMBEDDER } from "../schemas";
import type { Embedder, ModelEmbedderFactory } from "./embedder";
import { lexicalEmbedder } from "./lexical-embedder";

export type { EmbedCaller, Embedder, ModelEmbedderFactory } from "./embedder";

export function embedderFor(embeddingModel: string | null, modelEmbedder: ModelEmbedderFactory): Embedder | null {
  if (embeddingModel === null) return null;
  if (embeddingModel === BUILTIN_EMBEDDER) return lexicalEmbedder;
  return modelEmbedder(embeddingModel);
}
