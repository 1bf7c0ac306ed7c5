// Auto routers: a public model (`auto`, or any name an admin gives) that is no model of its own but
// picks one of its candidate models per request. The admin lists the candidates best-quality first
// and may add rules on the prompt (size, code, tools, conversation length) that narrow them; the
// request's `x-tollgate-priority` (cost | speed | quality, else the router's default) picks among
// what is left: quality = the first, cost = the cheapest, speed = the fastest measured. Candidates
// whose context window the prompt does not fit, or that have no deployment able to take a call now,
// are left out; the others, in the same order, become the chosen model's extra fallbacks.
import { z } from "zod";
import { ROUTING_PRIORITIES, type RoutingPriority } from "./types";

const ruleSchema = z.object({
  /** every condition given must hold */
  when: z.object({
    minPromptTokens: z.number().int().min(0).optional(),
    maxPromptTokens: z.number().int().min(0).optional(),
    hasCode: z.boolean().optional(),
    hasTools: z.boolean().optional(),
    minMessages: z.number().int().min(0).optional(),
  }),
  /** the candidates a matching request may go to, by name */
  use: z.array(z.string().min(1)).min(1).max(50),
});

export const routerConfigSchema = z.object({
  /** public model names, best quality first */
  candidates: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  /** when the request sends no x-tollgate-priority */
  defaultPriority: z.enum(ROUTING_PRIORITIES).default("cost"),
  /** the first rule whose conditions hold narrows the candidates to its `use` */
  rules: z.array(ruleSchema).max(50).default([]),
});

export type RouterConfig = z.output<typeof routerConfigSchema>;
export type RouterRule = RouterConfig["rules"][number];

/** What the rules look at; the prompt's tokens are estimated (4 characters a token), not counted. */
export interface PromptFeatures {
  promptTokens: number;
  hasCode: boolean;
  hasTools: boolean;
  messages: number;
}

export interface RouterCandidate {
  name: string;
  contextWindow: number | null;
  /** the cheapest active deployment's input + output price per 1M tokens */
  cost: bigint;
  /** the best decayed time to first token among its deployments; null = not measured */
  latencyMs: number | null;
  /** at least one deployment could take a call now */
  available: boolean;
}

const CODE = /```|^\s*(def|class|function|import|from|#include|public|private|package|SELECT|const|let|var)\b|[;{}]\s*$|=>/m;

export function promptFeatures(request: { messages: readonly { role: string; content?: unknown }[]; tools?: readonly unknown[] }): PromptFeatures {
  let chars = 0;
  let hasCode = false;
  for (const message of request.messages) {
    const text = typeof message.content === "string" ? message.content : Array.isArray(message.content) ? (message.content as { text?: unknown }[]).map((p) => (typeof p?.text === "string" ? p.text : "")).join("\n") : "";
    chars += text.length;
    if (!hasCode && message.role === "user" && CODE.test(text)) hasCode = true;
  }
  return { promptTokens: Math.ceil(chars / 4), hasCode, hasTools: (request.tools?.length ?? 0) > 0, messages: request.messages.length };
}

function matches(rule: RouterRule, features: PromptFeatures): boolean {
  const { when } = rule;
  if (when.minPromptTokens !== undefined && features.promptTokens < when.minPromptTokens) return false;
  if (when.maxPromptTokens !== undefined && features.promptTokens > when.maxPromptTokens) return false;
  if (when.hasCode !== undefined && features.hasCode !== when.hasCode) return false;
  if (when.hasTools !== undefined && features.hasTools !== when.hasTools) return false;
  if (when.minMessages !== undefined && features.messages < when.minMessages) return false;
  return true;
}

export interface RouterChoice {
  /** ranked: the first is the model to call, the rest its extra fallbacks */
  ranked: string[];
  priority: RoutingPriority;
  /** the rule that narrowed the candidates (its index), or null */
  rule: number | null;
}

export function chooseCandidate(config: RouterConfig, features: PromptFeatures, candidates: readonly RouterCandidate[], requested: RoutingPriority | null, outputTokens: number): RouterChoice {
  const priority = requested ?? config.defaultPriority;
  const ruleIndex = config.rules.findIndex((rule) => matches(rule, features));
  const allowed = ruleIndex === -1 ? null : new Set(config.rules[ruleIndex].use);
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const usable = config.candidates
    .filter((name) => allowed === null || allowed.has(name))
    .map((name) => byName.get(name))
    .filter((c): c is RouterCandidate => c !== undefined && c.available)
    .filter((c) => c.contextWindow === null || features.promptTokens + outputTokens <= c.contextWindow);
  // Array.prototype.sort is stable: equal candidates keep the admin's (quality) order.
  if (priority === "cost") usable.sort((a, b) => (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0));
  if (priority === "speed") usable.sort((a, b) => (a.latencyMs ?? Infinity) - (b.latencyMs ?? Infinity));
  return { ranked: usable.map((c) => c.name), priority, rule: ruleIndex === -1 ? null : ruleIndex };
}
