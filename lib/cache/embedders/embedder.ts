// What semantic lookups need from an embedder: a unit vector for a text. Vectors of different
// embedders are never compared (each entry records which one made its vector).
import type { Principal } from "../../principal/principal";

/** Who a semantic lookup runs for: an embedding call through the catalog is charged to them. */
export interface EmbedCaller {
  requestId: string;
  principal: Principal;
}

/**
 * Makes the embedder of a catalog model. The gateway provides it (lib/gateway/catalog-embedder.ts:
 * a governed, recorded embeddings call); callers pass it in, so the cache never imports the gateway.
 */
export type ModelEmbedderFactory = (modelName: string) => Embedder;

export interface Embedder {
  /** "builtin", or "model:<public name>" for a catalog model */
  readonly id: string;
  /** A unit-length vector, or null when the text cannot be embedded now (the lookup is then skipped). */
  embed(text: string, caller: EmbedCaller): Promise<Float32Array | null>;
}
