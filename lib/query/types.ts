// The console reads the admin API through the same zod contracts the routes are built from
// (lib/<domain>/schemas.ts): response types are their z.infer, request bodies their z.input.
// Type-only imports, so no schema code is bundled unless a form uses it for validation.
import type { z } from "zod";
import type { Role } from "@/lib/auth/rbac";
import type { ApiKey, CreatedApiKey, KeyStatus, createKeySchema, updateKeySchema } from "@/lib/keys/schemas";
import type { Model, createModelSchema, updateModelSchema } from "@/lib/models/schemas";
import type { Provider, ProviderKindName, createProviderSchema, updateProviderSchema } from "@/lib/providers/schemas";
import type { Team, createTeamSchema, updateTeamSchema } from "@/lib/teams/schemas";
import type { TimeseriesResponse, UsageRecord, UsageResponse } from "@/lib/usage/schemas";
import type { User, UserTier, createUserSchema, updateUserSchema } from "@/lib/users/schemas";

export type { ApiKey, CreatedApiKey, KeyStatus, Model, Provider, Role, Team, TimeseriesResponse, UsageRecord, UsageResponse, User };
export type Tier = UserTier;
export type ProviderKind = ProviderKindName;

export interface ListResponse<T> {
  data: T[];
  total: number;
}

/** The signed-in user as server pages hand it to client components. */
export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
}

export type CreateTeamBody = z.input<typeof createTeamSchema>;
export type UpdateTeamBody = z.input<typeof updateTeamSchema>;
export type CreateUserBody = z.input<typeof createUserSchema>;
export type UpdateUserBody = z.input<typeof updateUserSchema>;
export type CreateKeyBody = z.input<typeof createKeySchema>;
export type UpdateKeyBody = z.input<typeof updateKeySchema>;
export type CreateProviderBody = z.input<typeof createProviderSchema>;
export type UpdateProviderBody = z.input<typeof updateProviderSchema>;
export type CreateModelBody = z.input<typeof createModelSchema>;
export type UpdateModelBody = z.input<typeof updateModelSchema>;
