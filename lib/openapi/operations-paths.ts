// Operating the ledger: the usage retention's status, from the same zod contract the handler answers with.
import type { z } from "zod";
import { retentionStatusSchema } from "../usage/retention/retention-schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function operationsComponents(): Record<string, z.ZodType> {
  return { RetentionStatus: retentionStatusSchema };
}

export function operationsPaths(): Record<string, unknown> {
  return {
    "/api/admin/usage/retention": {
      get: op({
        summary: "Usage retention (USAGE_RETENTION_DAYS): whether raw usage records expire, the current cutoff, the oldest record kept, and what the latest runs removed (rollups, billing and the audit log are never removed)",
        tag: "Usage",
        roles: "admin",
        ok: { status: 200, schema: "RetentionStatus" as ComponentName },
      }),
    },
  };
}
