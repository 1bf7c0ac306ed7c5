import { openApiDocument } from "./document";

// GET /api/openapi.json – the OpenAPI 3.1 document (public: it describes, it grants nothing)
export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
