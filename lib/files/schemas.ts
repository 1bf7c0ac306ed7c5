// The Files API's shapes, as OpenAI's API (and the official `openai` SDK) defines them.
import { z } from "zod";

export const FILE_PURPOSES = ["batch", "batch_output"] as const;

export const fileObjectSchema = z.object({
  id: z.string(),
  object: z.literal("file"),
  bytes: z.number().int(),
  /** Unix seconds */
  created_at: z.number().int(),
  filename: z.string(),
  purpose: z.enum(FILE_PURPOSES),
  status: z.literal("processed"),
  expires_at: z.number().int().nullable(),
  status_details: z.string().nullable(),
});
export type FileObject = z.infer<typeof fileObjectSchema>;

export const fileListSchema = z.object({
  object: z.literal("list"),
  data: z.array(fileObjectSchema),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
  has_more: z.boolean(),
});

export const deletedFileSchema = z.object({ id: z.string(), object: z.literal("file"), deleted: z.boolean() });

export const fileListQuerySchema = z.object({
  purpose: z.enum(FILE_PURPOSES).optional(),
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(10_000),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
