// The adapter for each provider kind. Adapters are stateless: one instance per kind serves every call.
import type { ProviderAdapter, ProviderKind } from "@/lib/gateway/types";
import { createOpenAiAdapter } from "./openai";
import { anthropicAdapter } from "./anthropic";
import { geminiAdapter } from "./gemini";

const adapters: Record<ProviderKind, ProviderAdapter> = {
  openai: createOpenAiAdapter("openai"),
  "openai-compatible": createOpenAiAdapter("openai-compatible"),
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
};

export function adapterFor(kind: ProviderKind): ProviderAdapter {
  return adapters[kind];
}
