// Users: request and response contracts for the admin API, the console and the OpenAPI document.
import { z } from "zod";
import { ROLES } from "../auth/rbac";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery, searchText } from "../http/list-schemas";

export const USER_TIERS = ["free", "pro", "enterprise"] as const;
export type UserTier = (typeof USER_TIERS)[number];

export const roleSchema = z.enum(ROLES);
export const tierSchema = z.enum(USER_TIERS);
const emailSchema = z.email().max(254);
const nameSchema = z.string().trim().min(1, "Name is required").max(100);
/** A console password; users without one can only use the API through keys. */
const passwordSchema = z.string().min(8, "Password must be at least 8 characters").max(200);
/** Public model names every key of the user may call (an admin's limit); empty = every model. */
const keyModelsSchema = z.array(z.string().trim().min(1).max(200)).max(500);
/** Longest life of a key of the user, in days from its creation (an admin's limit); null = no limit. */
const keyMaxDaysSchema = z.number().int("must be a whole number of days").min(1).max(3650, "must be at most 3650 days (10 years)").nullable();

export const createUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema.default("developer"),
  tier: tierSchema.default("free"),
  teamId: idSchema.nullable().optional(),
  password: passwordSchema.optional(),
  keyModels: keyModelsSchema.optional(),
  keyMaxDays: keyMaxDaysSchema.optional(),
});

export const updateUserSchema = z.object({
  email: emailSchema.optional(),
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  tier: tierSchema.optional(),
  teamId: idSchema.nullable().optional(),
  /** null removes console access. */
  password: passwordSchema.nullable().optional(),
  disabled: z.boolean().optional(),
  keyModels: keyModelsSchema.optional(),
  keyMaxDays: keyMaxDaysSchema.optional(),
});

export const listUsersQuerySchema = z.object({
  teamId: idSchema.optional(),
  role: roleSchema.optional(),
  q: searchText,
  ...paginationQuery,
});

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  tier: tierSchema,
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  disabled: z.boolean(),
  /** Whether the user can sign in to the console (has a password). */
  hasPassword: z.boolean(),
  /** The limits an admin set for every key of this user, new ones included (developers cannot widen them). */
  keyModels: z.array(z.string()),
  keyMaxDays: z.number().int().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const userListSchema = listResponseSchema(userSchema);

export type User = z.infer<typeof userSchema>;
export type CreateUserInput = z.output<typeof createUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
