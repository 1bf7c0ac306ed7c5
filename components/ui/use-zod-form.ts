"use client";
// Every console form: react-hook-form validated by the very zod schema the API route parses, with
// plain-words messages (lib/validation/plain-errors). On submit every field's problem shows at once;
// after that each field re-checks as it is edited. A refusal only the server can find (a duplicate
// name, a password on the common list) is put on the field the API names.
import { zodResolver } from "@hookform/resolvers/zod";
import { get, useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ApiError, fieldErrorOf } from "@/lib/query/api-error";
import { plainErrorMap, withLabel, type FieldLabels } from "@/lib/validation/plain-errors";

type Schema = z.ZodType<FieldValues, FieldValues>;

/** Lead fragment messages from schemas ("must be a whole number") with their field's label. */
function labelMessages(errors: FieldErrors, labels: FieldLabels, path: string[] = []): void {
  for (const [name, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const here = [...path, name];
    const error = value as { message?: unknown; ref?: unknown };
    if (typeof error.message === "string") error.message = withLabel(error.message, here, labels);
    else labelMessages(value as FieldErrors, labels, here);
  }
}

export function plainZodResolver<S extends Schema>(schema: S, labels: FieldLabels = {}): Resolver<z.input<S>, unknown, z.output<S>> {
  const resolve = zodResolver(schema as never, { error: plainErrorMap(labels) }) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    labelMessages(result.errors as FieldErrors, labels);
    return result;
  };
}

export function useZodForm<S extends Schema>(
  schema: S,
  { defaultValues, labels = {} }: { defaultValues?: DefaultValues<z.input<S>>; labels?: FieldLabels },
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({ resolver: plainZodResolver(schema, labels), defaultValues, mode: "onSubmit", reValidateMode: "onChange" });
}

/** The message shown under a field, nested paths included ("channels.0.target"). */
export function errorOf<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, name: string): string | undefined {
  const error = get(form.formState.errors, name) as { message?: string } | undefined;
  return error?.message;
}

/**
 * Puts an API refusal (400/409/422 naming a `field`) on that field of the form; true when it did.
 * Anything else is the caller's to show above the fields. `rowFields` are lists whose entries have
 * inputs of their own ("channels.1.url"): their nested errors stay where they are.
 */
export function applyServerError<T extends FieldValues>(
  form: UseFormReturn<T, unknown, FieldValues>,
  error: unknown,
  fields: readonly string[],
  labels: FieldLabels = {},
  rowFields: readonly string[] = [],
): boolean {
  if (!(error instanceof ApiError) || !error.field || error.status >= 500) return false;
  const field = fields.find((name) => fieldErrorOf(error, name) !== undefined);
  if (!field) return false;
  const message = fieldErrorOf(error, field) ?? error.message;
  if (error.field === field || rowFields.includes(field)) {
    form.setError(error.field as Path<T>, { type: "server", message: withLabel(message, error.field.split("."), labels) }, { shouldFocus: true });
  } else {
    // A nested path ("models.2") has no input of its own: the message goes on the field.
    form.setError(field as Path<T>, { type: "server", message: withLabel(message, [field], labels) }, { shouldFocus: true });
  }
  return true;
}
