// Teams: request and response contracts for the admin API, the console and the OpenAPI document.
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery, searchText } from "../http/list-schemas";

export const teamNameSchema = z.string().trim().min(1, "Name is required").max(100);

export const createTeamSchema = z.object({ name: teamNameSchema });
export const updateTeamSchema = z.object({ name: teamNameSchema.optional() });

export const listTeamsQuerySchema = z.object({ q: searchText, ...paginationQuery });

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  memberCount: z.number().int(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const teamListSchema = listResponseSchema(teamSchema);

export type Team = z.infer<typeof teamSchema>;
export type CreateTeamInput = z.output<typeof createTeamSchema>;
export type UpdateTeamInput = z.output<typeof updateTeamSchema>;
export type ListTeamsQuery = z.output<typeof listTeamsQuerySchema>;
