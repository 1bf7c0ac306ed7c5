// Configuration as code (docs/configuration.md): read the file, check all of it (YAML,
// credentials as ${VAR}, the admin API's schemas, references), then plan against the database and,
// to apply, write the plan in one transaction. The plan that is applied is made inside that
// transaction, under a lock, so replicas starting together with the same file apply it once: the
// others find it applied ("unchanged").
import { readFile } from "node:fs/promises";
import { db, isPostgres, type DbClient } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { afterCommit, writePlan } from "./apply-plan";
import { buildPlan, removedNames, type ConfigPlan } from "./build-plan";
import { checkReferences } from "./check-references";
import { ConfigFileError } from "./config-errors";
import type { ConfigFileSpec } from "./config-types";
import { readCurrentState, type CurrentState } from "./current-state";
import { byLine, readConfigText } from "./read-config-text";
import type { YamlSource } from "./yaml-source";

interface LoadedFile {
  file: string;
  source: YamlSource;
  spec: ConfigFileSpec;
}

/** The file checked as a whole, without the database; throws ConfigFileError listing every problem. */
export async function loadConfigFile(file: string, environment: Record<string, string | undefined> = process.env): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : (error as Error).message;
    throw new ConfigFileError(file, [{ path: "", line: null, column: null, message: reason }]);
  }
  const checked = readConfigText(text, environment);
  if (!checked.spec) throw new ConfigFileError(file, checked.issues);
  return { file, source: checked.source, spec: checked.spec };
}

/** The plan against the database's state as `client` sees it; throws ConfigFileError for references to nothing. */
async function planAgainst(loaded: LoadedFile, client: DbClient, orgId: string): Promise<{ plan: ConfigPlan; current: CurrentState }> {
  const current = await readCurrentState(client, orgId);
  const references = checkReferences(loaded.source, loaded.spec, current, removedNames(loaded.spec, current));
  if (references.issues.length > 0) throw new ConfigFileError(loaded.file, references.issues.sort(byLine));
  return { plan: buildPlan(loaded.spec, current, references.targets), current };
}

export interface ConfigFileOptions {
  /** where `${VAR}` references are read (default: process.env) */
  environment?: Record<string, string | undefined>;
  /** the organization the file describes (default: the default organization) */
  orgId?: string;
}

/** `npm run config:apply -- --dry-run`: what applying the file would do; nothing is written. */
export async function planConfigFile(file: string, options: ConfigFileOptions = {}): Promise<ConfigPlan> {
  const loaded = await loadConfigFile(file, options.environment);
  return (await planAgainst(loaded, db(), options.orgId ?? (await ensureDefaultOrg()))).plan;
}

/** Takes the write lock first, so two processes applying at once run one after the other. */
async function lockForApply(tx: DbClient): Promise<void> {
  if (isPostgres()) await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('tollgate-config-apply'))");
  else await tx.$executeRawUnsafe(`UPDATE "Organization" SET "name" = "name" WHERE 0`); // a write: SQLite's lock is held from here
}

/** Applies the file: every change or none. Returns the plan it carried out. */
export async function applyConfigFile(file: string, options: ConfigFileOptions = {}): Promise<ConfigPlan> {
  const loaded = await loadConfigFile(file, options.environment);
  const orgId = options.orgId ?? (await ensureDefaultOrg());
  const outcome = await db().$transaction(
    async (tx) => {
      await lockForApply(tx);
      const { plan, current } = await planAgainst(loaded, tx, orgId);
      const { written, teamKeys } = await writePlan(tx, plan, current);
      return { plan, written, teamKeys };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  await afterCommit(outcome.plan, { orgId, file, written: outcome.written, teamKeys: outcome.teamKeys });
  return outcome.plan;
}
