// Types of scripts/build-threads.mjs for the TypeScript that imports it (the vitest setup).
export const THREAD_NAMES: readonly string[];
export function threadBundleDir(root: string): string;
export function threadBundleFile(root: string, name: "sqlite-usage-thread" | "console-thread"): string;
export function buildThreadBundles(root: string): Promise<void>;
