// Named schemas of the document (components.schemas), each built once from the domain's zod
// contract, so paths can `$ref` them instead of repeating them.
import type { z } from "zod";
import { principalSchema } from "../auth/schemas";
import { apiKeyListSchema, apiKeySchema, createdApiKeySchema, createKeySchema, updateKeySchema } from "../keys/schemas";
import { attachModelsResultSchema, attachModelsSchema, createModelSchema, modelListSchema, modelSchema, updateModelSchema } from "../models/schemas";
import { createProviderSchema, providerListSchema, providerSchema, providerTestResultSchema, updateProviderSchema } from "../providers/schemas";
import { createTeamSchema, teamListSchema, teamSchema, updateTeamSchema } from "../teams/schemas";
import { timeseriesResponseSchema, usageResponseSchema } from "../usage/schemas";
import { spendResponseSchema } from "../usage/spend-schemas";
import { createUserSchema, updateUserSchema, userListSchema, userSchema } from "../users/schemas";
import { toJsonSchema } from "./json-schema";
import * as proxy from "./proxy-schemas";

const requests = {
  CreateTeam: createTeamSchema,
  UpdateTeam: updateTeamSchema,
  CreateUser: createUserSchema,
  UpdateUser: updateUserSchema,
  CreateKey: createKeySchema,
  UpdateKey: updateKeySchema,
  CreateProvider: createProviderSchema,
  UpdateProvider: updateProviderSchema,
  CreateModel: createModelSchema,
  UpdateModel: updateModelSchema,
  AttachModels: attachModelsSchema,
  ChatCompletionRequest: proxy.chatCompletionRequestSchema,
  EmbeddingsRequest: proxy.embeddingsRequestSchema,
} satisfies Record<string, z.ZodType>;

const responses = {
  Principal: principalSchema,
  Team: teamSchema,
  TeamList: teamListSchema,
  User: userSchema,
  UserList: userListSchema,
  ApiKey: apiKeySchema,
  CreatedApiKey: createdApiKeySchema,
  ApiKeyList: apiKeyListSchema,
  Provider: providerSchema,
  ProviderList: providerListSchema,
  ProviderTestResult: providerTestResultSchema,
  Model: modelSchema,
  ModelList: modelListSchema,
  AttachModelsResult: attachModelsResultSchema,
  UsagePage: usageResponseSchema,
  UsageTimeseries: timeseriesResponseSchema,
  UsageSpend: spendResponseSchema,
  ChatCompletion: proxy.chatCompletionResponseSchema,
  EmbeddingsResponse: proxy.embeddingsResponseSchema,
  ModelsList: proxy.modelsResponseSchema,
  ProxyError: proxy.proxyErrorSchema,
} satisfies Record<string, z.ZodType>;

export type ComponentName = keyof typeof requests | keyof typeof responses | "AdminError";

const adminError = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "code"],
      properties: {
        message: { type: "string" },
        code: { type: "string", description: "validation_failed, conflict, not_found, forbidden, unauthenticated, …" },
        field: { type: "string", description: "For 422/409: the offending field, as a dotted path." },
        requestId: { type: "string", description: "For 500: quote it when reporting the problem." },
      },
    },
  },
};

export function buildComponentSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { AdminError: adminError };
  for (const [name, schema] of Object.entries(requests)) schemas[name] = toJsonSchema(schema, "input");
  for (const [name, schema] of Object.entries(responses)) schemas[name] = toJsonSchema(schema, "output");
  return schemas;
}

export const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
