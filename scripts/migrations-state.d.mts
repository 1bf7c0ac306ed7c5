// Types of scripts/migrations-state.mjs for the TypeScript that imports it (tests).
export function hasPendingMigrations(root: string, url: string): Promise<boolean>;
export function createSqliteFile(root: string, url: string): boolean;
export function enableSqliteWal(root: string, url: string): void;
