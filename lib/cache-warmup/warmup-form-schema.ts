// The console's warm-up form: the fields of POST /api/admin/cache/warmups as a person fills them
// (prompts as text, who pays as a choice), checked with the API's own field schemas so every
// problem shows at once, and turned into the API's body. Pure zod, no server imports.
import { z } from "zod";
import { evenWithFieldErrors } from "../validation/refine-always";
import { createWarmupSchema, warmupInputSchema, type CreateWarmupInput } from "./schemas";

export const WARMUP_CHARGE_TO = ["me", "team", "key"] as const;
export type WarmupChargeTo = (typeof WARMUP_CHARGE_TO)[number];

export const warmupFormSchema = z
  .object({
    text: z.string().refine((text) => text.trim() !== "", "Paste prompts or upload a file"),
    format: warmupInputSchema.shape.format,
    model: createWarmupSchema.shape.model,
    concurrency: createWarmupSchema.shape.concurrency.unwrap(),
    chargeTo: z.enum(WARMUP_CHARGE_TO),
    teamId: z.string(),
    keyId: z.string(),
  })
  .superRefine((form, context) => {
    if (form.chargeTo === "team" && !form.teamId) context.addIssue({ code: "custom", path: ["teamId"], message: "Choose a team" });
    if (form.chargeTo === "key" && !form.keyId) context.addIssue({ code: "custom", path: ["keyId"], message: "Choose a key" });
  }, evenWithFieldErrors);
export type WarmupFormValues = z.input<typeof warmupFormSchema>;

export const WARMUP_FORM_LABELS = { text: "Prompts", concurrency: "At once", model: "Model", teamId: "Team", keyId: "Key" };

/** The API body for the form's values (the team or key only when the job is charged to it). */
export function warmupBody(values: WarmupFormValues): CreateWarmupInput {
  return {
    model: values.model,
    input: { format: values.format, text: values.text },
    concurrency: values.concurrency,
    ...(values.chargeTo === "team" ? { teamId: values.teamId } : {}),
    ...(values.chargeTo === "key" ? { keyId: values.keyId } : {}),
  };
}
