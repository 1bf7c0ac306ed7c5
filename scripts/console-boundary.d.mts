import type { IncomingMessage, ServerResponse } from "node:http";

export interface BoundarySettings {
  trustProxyHops: number;
  consoleMaxBodyBytes: number;
  gatewayMaxBodyBytes: number;
  warmupMaxBodyBytes: number;
  batchFileMaxBodyBytes: number;
  conversationImportMaxBytes: number;
  strictTransportSecurity: boolean;
}
export const HSTS_VALUE: string;
export function boundarySettings(source?: Record<string, string | undefined>): BoundarySettings;
export function bodyLimitFor(url: string | undefined, settings: BoundarySettings): number;
export function trustedForwarding(req: IncomingMessage, hops: number): { for: string; host: string; proto: string; port: string };
export function applyTrustedForwarding(headers: Record<string, unknown>, req: IncomingMessage, hops: number): Record<string, unknown>;
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean;
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, settings: BoundarySettings): void;
export function guardInlineConsole(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
  settings?: BoundarySettings,
): (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
