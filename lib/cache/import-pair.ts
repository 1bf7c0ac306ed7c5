// Importing a question–answer pair without an upstream call (FAQ-style content, warm-up imports):
// the pair becomes an entry exactly as if the model had answered `messages` (with `parameters`) with
// `answer`, in the namespace the settings give the pair's team or key. Awaits the database write,
// so when this returns every replica can serve it.
import { randomUUID } from "node:crypto";
import { newCacheEntryId } from "./cache-entry-id";
import { db } from "../db";
import { BadRequestError } from "../http/errors";
import { countPromptTokens, countTextTokens } from "../tokens/chat-tokens";
import type { ChatCompletion, ChatCompletionRequest, ChatMessage } from "../openai-format/types";
import { sizeOfEntry, type CacheEntrySource, type StoredEntry } from "./cache-entry";
import { chatCacheKey, chatContextKey, lastUserMessageIndex, plainText, type CacheScope } from "./cache-key";
import { namespaceOf } from "./cache-namespace";
import { wantsSemantic } from "./cache-settings";
import { remember } from "./chat-cache";
import { embedderFor, type ModelEmbedderFactory } from "./embedders";
import { flushCacheWrites } from "./entry-writer";
import { getCacheEntryOrThrow } from "./entry-queries";
import type { CacheEntryDetail } from "./schemas";
import { readCacheSettings } from "./settings-mutations";

export interface ImportCachePairInput {
  orgId: string;
  /** public model name of an enabled catalog model */
  model: string;
  /** the namespace's team (required when the namespace setting is "team") */
  teamId?: string | null;
  /** the namespace's key (required when the namespace setting is "key") */
  keyId?: string | null;
  messages: ChatMessage[];
  /** the assistant's answer text */
  answer: string;
  /** request fields that are part of the key (temperature, max_tokens, …) */
  parameters?: Record<string, unknown>;
  ttlSeconds?: number;
  /** "import" (default) or "warmup" */
  source?: CacheEntrySource;
  /** who imports: charged for the embedding call when the embedder is a catalog model */
  actorUserId?: string | null;
  /** how a catalog embedding model embeds the prompt (the gateway's) */
  modelEmbedder: ModelEmbedderFactory;
}

const NOT_PARAMETERS = new Set(["model", "messages", "stream", "stream_options", "user"]);

export async function importCachePair(input: ImportCachePairInput): Promise<CacheEntryDetail> {
  const { orgId } = input;
  const settings = await readCacheSettings(orgId);
  const model = await db().model.findFirst({ where: { orgId, name: input.model, enabled: true }, select: { id: true } });
  if (!model) throw new BadRequestError(`The model \`${input.model}\` does not exist or is not enabled.`, "model", "model_not_found");
  if (settings.namespace === "team" && !input.teamId) throw new BadRequestError("The cache namespace is \"team\": give the team the answer is for (teamId).", "teamId", "team_required");
  if (settings.namespace === "key" && !input.keyId) throw new BadRequestError("The cache namespace is \"key\": give the key the answer is for (keyId).", "keyId", "key_required");
  if (input.teamId && !(await db().team.findFirst({ where: { id: input.teamId, orgId }, select: { id: true } }))) {
    throw new BadRequestError("No team with this id.", "teamId", "team_not_found");
  }
  if (input.keyId && !(await db().apiKey.findFirst({ where: { id: input.keyId, orgId }, select: { id: true } }))) {
    throw new BadRequestError("No key with this id.", "keyId", "key_not_found");
  }
  const parameters = Object.fromEntries(Object.entries(input.parameters ?? {}).filter(([key]) => !NOT_PARAMETERS.has(key)));
  const request: ChatCompletionRequest = { ...parameters, model: input.model, messages: input.messages };
  const owner = { keyId: input.keyId ?? null, userId: input.actorUserId ?? "import", teamId: input.teamId ?? null };
  const scope: CacheScope = { orgId, namespace: namespaceOf(settings.namespace, owner), model: input.model };

  const [inputTokens, outputTokens] = await Promise.all([countPromptTokens(request), countTextTokens(input.answer)]);
  const created = Math.floor(Date.now() / 1000);
  const completion: ChatCompletion = {
    id: `chatcmpl-import-${randomUUID().replace(/-/g, "")}`, object: "chat.completion", created, model: input.model,
    choices: [{ index: 0, message: { role: "assistant", content: input.answer, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  };

  const last = lastUserMessageIndex(request);
  const prompt = last < 0 ? "" : (plainText(request.messages[last]) ?? "");
  let vector: Float32Array | null = null;
  let embedder: string | null = null;
  const chosen = wantsSemantic(settings) && last >= 0 ? embedderFor(settings.embeddingModel, input.modelEmbedder) : null;
  if (chosen && (chosen.id === "builtin" || input.actorUserId)) {
    const principal = { orgId, keyId: input.keyId ?? null, userId: input.actorUserId ?? "import", teamId: input.teamId ?? null, allowedModels: null, expiresAt: null };
    vector = await chosen.embed(prompt, { requestId: `req_import_${randomUUID().replace(/-/g, "")}`, principal });
    embedder = vector ? chosen.id : null;
  }

  const answer = JSON.stringify(completion);
  const requestJson = JSON.stringify({ messages: request.messages, ...parameters });
  const now = Date.now();
  const entry: StoredEntry = {
    id: newCacheEntryId(), orgId, key: chatCacheKey(scope, request), kind: "chat", model: input.model, answer,
    inputTokens, outputTokens, bytes: sizeOfEntry({ answer, request: requestJson, prompt, vector }),
    createdAt: now, expiresAt: now + (input.ttlSeconds ?? settings.ttlSeconds) * 1000,
    namespace: scope.namespace, teamId: input.teamId ?? null, keyId: input.keyId ?? null,
    contextKey: chatContextKey(scope, request), prompt, request: requestJson, vector, embedder, source: input.source ?? "import",
  };
  remember(entry);
  await flushCacheWrites();
  return getCacheEntryOrThrow({ orgId, id: entry.id });
}
