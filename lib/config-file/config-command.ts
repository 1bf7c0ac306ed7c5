// The command line of configuration as code (scripts/config-apply.mjs, scripts/config-export.mjs)
// and the apply at start (scripts/start.mjs). Output goes to stdout and stderr: these are commands.
import { writeFile } from "node:fs/promises";
import { applyConfigFile, planConfigFile } from "./apply-config";
import { ConfigFileError } from "./config-errors";
import { exportConfig } from "./export-config";
import { countActions, formatPlan } from "./format-plan";

const DEFAULT_FILE = "tollgate.yaml";
const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

const USAGE = [
  "usage: npm run config:apply -- [--dry-run | --apply] [--file <path>]",
  "       npm run config:export -- [--output <path> | --output -] [--force]",
  `The file is --file, else TOLLGATE_CONFIG, else ./${DEFAULT_FILE}. --dry-run (the default) prints the plan and writes nothing.`,
  `Export writes --output (- for stdout), else TOLLGATE_CONFIG, else ./${DEFAULT_FILE}; an existing file is kept unless --force.`,
].join("\n");

async function apply(argv: string[]): Promise<number> {
  const file = option(argv, "--file") ?? process.env.TOLLGATE_CONFIG ?? DEFAULT_FILE;
  const write = argv.includes("--apply");
  if (write && argv.includes("--dry-run")) {
    err("give --dry-run or --apply, not both.");
    return 2;
  }
  // The plan is printed first; applying makes it again inside the transaction (another process may have applied meanwhile).
  const plan = await planConfigFile(file);
  out(`Plan for ${file}:\n${formatPlan(plan)}`);
  if (!write) {
    out("Dry run: nothing was written. Apply with --apply.");
    return 0;
  }
  const applied = await applyConfigFile(file);
  const counts = countActions(applied);
  const changed = applied.items.length - counts.unchanged;
  out(changed === 0 ? "Applied: nothing to change." : `Applied ${changed} change${changed === 1 ? "" : "s"} in one transaction (audit log actor: config file).`);
  return 0;
}

async function exportCommand(argv: string[]): Promise<number> {
  const yaml = await exportConfig();
  // A file by default: `npm run` prints its own banner on stdout, which would end up in a redirect.
  const output = option(argv, "--output") ?? process.env.TOLLGATE_CONFIG ?? DEFAULT_FILE;
  if (output === "-") {
    process.stdout.write(yaml);
    return 0;
  }
  await writeFile(output, yaml, { flag: "wx" }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST" || !argv.includes("--force")) throw error.code === "EEXIST" ? new Error(`${output} exists; add --force to overwrite it.`) : error;
    await writeFile(output, yaml);
  });
  err(`Wrote ${output}. Credentials are \${VAR} references: set each variable it names before applying it.`);
  return 0;
}

/** Runs `apply` or `export` with their arguments; returns the exit code. */
export async function runConfigCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "apply") return await apply(rest);
    if (command === "export") return await exportCommand(rest);
    err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof ConfigFileError) err(error.message);
    else err(`config ${command}: ${error instanceof Error ? error.message : String(error)}${command === "apply" ? "\nNothing was applied: the transaction was rolled back." : ""}`);
    return 1;
  }
}

/**
 * At start (TOLLGATE_CONFIG set), before serving: applies the file and prints what changed. Every
 * replica runs it; the apply's lock makes the first one write and the others find it unchanged.
 * Throws ConfigFileError on a bad file (the start then fails with its path and line).
 */
export async function applyConfigFileAtStart(file: string | undefined): Promise<void> {
  if (!file) return;
  const plan = await applyConfigFile(file);
  const counts = countActions(plan);
  if (plan.items.length === counts.unchanged) out(`[tollgate] configuration file ${file}: up to date (${counts.unchanged} items).`);
  else out(`[tollgate] configuration file ${file} applied:\n${formatPlan(plan, { onlyChanges: true })}`);
}

export { ConfigFileError };
