// `${VAR}` references in the configuration file, read from the environment when the file is
// applied. Credentials (a provider's apiKey, a webhook's signing secret, a Slack incoming-webhook
// URL) must be nothing but such a reference: a file that lives in git must not hold a secret, so a
// literal one is refused, with its line. Other strings may use references too (a base URL per
// environment); `$${` writes a literal `${`.
import type { ConfigIssue } from "./config-errors";
import type { PathPart, YamlSource } from "./yaml-source";

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether the value at `path` is a credential, which must be a `${VAR}` reference. */
export function isCredentialPath(path: readonly PathPart[], parent: unknown): boolean {
  const [section, , field, , channelField] = path;
  if (section === "providers" && path.length === 3 && field === "apiKey") return true;
  if (section === "alertRules" && path.length === 5 && field === "channels") {
    const type = (parent as { type?: unknown } | null)?.type;
    return (type === "webhook" && channelField === "secret") || (type === "slack" && channelField === "url");
  }
  return false;
}

export function interpolate(source: YamlSource, env: Record<string, string | undefined>): { data: unknown; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];

  const substitute = (text: string, path: PathPart[]): string =>
    text.replace(REFERENCE, (match, name: string | undefined) => {
      if (match === "$${") return "${";
      if (!name || !NAME.test(name)) {
        issues.push(source.issue(path, `\`${match}\` is not a reference: write \${NAME} with letters, digits and _ (or $\${ for a literal \${).`));
        return match;
      }
      const value = env[name];
      if (value === undefined) {
        issues.push(source.issue(path, `the environment variable ${name} is not set (referenced as \${${name}}).`));
        return match;
      }
      return value;
    });

  const walk = (value: unknown, path: PathPart[], parent: unknown): unknown => {
    if (typeof value === "string") {
      if (isCredentialPath(path, parent) && !WHOLE_REFERENCE.test(value.trim())) {
        issues.push(source.issue(path, "a credential must be a reference to an environment variable, such as ${OPENAI_API_KEY}: the file is meant for git, so literal secrets are refused."));
        return value;
      }
      return substitute(value, path);
    }
    if (isCredentialPath(path, parent) && value !== null && value !== undefined) {
      issues.push(source.issue(path, "a credential must be a reference to an environment variable, such as ${OPENAI_API_KEY}."));
      return value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i], value));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], value)]));
    }
    return value;
  };

  return { data: walk(source.data, [], null), issues };
}
