// Types of scripts/draining-server.mjs for the TypeScript tests that use it.
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export function errorBody(url: string | undefined, error: { message: string; type: string; code: string }): string;
export function createDrainingServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options?: { requestTimeoutMs?: number; log?: Pick<Console, "log" | "error"> },
): { server: Server; drain(timeoutMs: number): Promise<void>; inFlight(): number };
