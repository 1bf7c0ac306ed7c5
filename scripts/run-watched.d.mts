export interface WatchedRun {
  ok: boolean;
  hung: boolean;
  code: number | null;
}

export function runWatched(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    idleMs: number;
    write?: (chunk: Buffer, stream: NodeJS.WriteStream) => void;
    report?: (line: string) => void;
  },
): Promise<WatchedRun>;

export function idleText(ms: number): string;
