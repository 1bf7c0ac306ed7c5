// zod -> JSON Schema (draft 2020-12, which OpenAPI 3.1 uses as is). Requests are described by
// what clients send (zod "input"), responses by what the API returns ("output").
import { z } from "zod";

type JsonSchema = Record<string, unknown>;

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    // Transforms (dates parsed to Date, trimmed URLs) describe their input side; nothing else in
    // the contracts is unrepresentable, so this only keeps one odd schema from breaking the document.
    unrepresentable: "any",
    // zod spells out date/date-time formats as long regexes too; `format` says it already.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format && jsonSchema.pattern) delete jsonSchema.pattern;
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

type ParameterObject = { name: string; in: "query" | "path"; required: boolean; schema: JsonSchema; description?: string };

/** One OpenAPI parameter per field of a query schema; fields without a default or `?` are required. */
export function queryParameters(schema: z.ZodObject): ParameterObject[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query" as const,
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: toJsonSchema(field as z.ZodType, "input"),
  }));
}

export const idPathParameter: ParameterObject = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "The resource id.",
};
