// Types of big-prompts.mjs, for the TypeScript tests and scripts that use its texts.
export const BIG_PROMPT_KINDS: readonly ["english", "random", "base64", "cjk", "same", "emoji"];
/** About `bytes` of UTF-8 text of the given kind, the same on every run. */
export function bigPrompt(kind: string, bytes: number): string;
