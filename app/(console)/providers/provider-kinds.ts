import type { ProviderKind } from "@/lib/query/types";

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
};

/** What to put in "Base URL" for each kind; only OpenAI-compatible servers have no default. */
export const BASE_URL_HINTS: Record<ProviderKind, string> = {
  openai: "Optional. Defaults to https://api.openai.com/v1.",
  "openai-compatible": "Required, e.g. https://openrouter.ai/api/v1 or http://localhost:11434/v1.",
  anthropic: "Optional. Defaults to https://api.anthropic.com.",
  gemini: "Optional. Defaults to Google's Generative Language API.",
};
