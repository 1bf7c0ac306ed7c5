export function renderPostgresSchema(): string;
export function migrateDeploy(options?: { quiet?: boolean }): string;
export function checkDrift(): Promise<string>;
export function runPrisma(args: string[], options?: { env?: Record<string, string>; capture?: boolean }): string;
