// What is wrong with a configuration file, each problem with its place: the file, the line and
// column, and the path of the field ("providers[0].apiKey"). The whole file is checked before
// anything is written, so one error lists every problem found.
export interface ConfigIssue {
  /** "providers[0].apiKey"; "" for the file as a whole */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatIssues(file, issues));
    this.name = "ConfigFileError";
  }
}

export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line === null ? file : `${file}:${issue.line}${issue.column === null ? "" : `:${issue.column}`}`;
  return `${where}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

export function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  const head = `${file}: ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was applied.`;
  return [head, ...issues.map((issue) => `  ${formatIssue(file, issue)}`)].join("\n");
}

/** "providers[0].apiKey" from ["providers", 0, "apiKey"]. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}
