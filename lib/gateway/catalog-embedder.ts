// The response cache's semantic lookups with an embedding model of the catalog: the same adapters as
// /v1/embeddings, governed and recorded like any call of the caller (a usage record with endpoint
// "embeddings", charged to the calling key), so the ledger stays complete. A refused or failed
// embedding call skips the semantic lookup; the request itself goes on as an exact-cache miss.
// The gateway hands this factory to the cache (lookupChat, importCachePair): the cache does not
// import the gateway that uses it.
import { AbortFlag } from "../abort/abort-flag";
import type { EmbedCaller, Embedder } from "../cache/embedders/embedder";
import { normalize } from "../cache/vector-group";
import { HttpError } from "../http/errors";
import type { Principal } from "../principal/principal";
import { admitCall } from "../quotas/admission";
import { governanceNow } from "../quotas/clock";
import { estimateEmbeddings } from "../quotas/estimate";
import { warnThrottled } from "../quotas/throttled-warning";
import { costOfCall } from "../usage/money";
import { recordUsage } from "../usage/usage-recorder";
import { catalog } from "./catalog";
import { adapterFor } from "./providers";

function vectorOf(embedding: number[] | string): Float32Array {
  if (typeof embedding !== "string") return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** An Embedder for the catalog model `modelName` (a ModelEmbedderFactory). */
export function catalogEmbedder(modelName: string): Embedder {
  return {
    id: `model:${modelName}`,
    async embed(text: string, caller: EmbedCaller): Promise<Float32Array | null> {
      const principal: Principal = caller.principal;
      const model = await catalog().find(principal.orgId, modelName);
      const adapter = model ? adapterFor(model.target.kind) : null;
      if (!model || !adapter?.embeddings) {
        warnThrottled("cache-embedder", new Error(`embedding model ${modelName} unavailable`), `the cache's embedding model \`${modelName}\` is not in the catalog or has no embeddings API; semantic lookups are skipped`);
        return null;
      }
      const requestId = `${caller.requestId}_embed`;
      const request = { model: modelName, input: text };
      const admitted = await admitCall({ requestId, principal, model: model.name, estimate: () => estimateEmbeddings(request, model) });
      if (admitted.refusal) return null;
      const startedAt = performance.now();
      let status = 200;
      let errorType: string | null = null;
      let inputTokens = 0;
      try {
        const result = await adapter.embeddings(request, model.target, new AbortFlag());
        inputTokens = result.usage?.prompt_tokens ?? 0;
        const embedding = result.data[0]?.embedding;
        return embedding === undefined ? null : normalize(vectorOf(embedding));
      } catch (error) {
        status = error instanceof HttpError ? error.status : 500;
        errorType = error instanceof HttpError ? (error.code ?? error.type) : "internal_error";
        warnThrottled("cache-embedder", error, `the cache's embedding call to \`${modelName}\` failed; semantic lookups are skipped until it works`);
        return null;
      } finally {
        const costMicros = costOfCall({ inputTokens, outputTokens: 0, cachedTokens: 0 }, model.price);
        admitted.admission.settle({ status, inputTokens, outputTokens: 0, costMicros });
        recordUsage({
          requestId, orgId: principal.orgId, keyId: principal.keyId, userId: principal.userId, teamId: principal.teamId,
          model: model.name, providerId: model.target.providerId, providerKind: model.target.kind, upstreamModel: model.target.upstreamModel,
          inputTokens, outputTokens: 0, cachedTokens: 0, costMicros,
          latencyMs: Math.round(performance.now() - startedAt), ttftMs: null, streamed: false,
          status, errorType, estimated: false, endpoint: "embeddings", createdAt: new Date(governanceNow()),
        });
      }
    },
  };
}
