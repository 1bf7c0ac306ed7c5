// CLI: `npx tsx e2e/fake-upstream/main.ts [--port 4010] [--api-key k] [--latency ms] [--chunk-delay ms]
// [--no-record] [--log]`; PORT and FAKE_UPSTREAM_API_KEY work too. Playwright's webServer and the
// benchmark wait for the "listening" line.
import { startFakeUpstream } from "./server";

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberArg(name: string, fallback?: string): number | undefined {
  const value = argValue(name) ?? fallback;
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    process.stderr.write(`fake-upstream: ${name} must be a non-negative integer, got "${value}"\n`);
    process.exit(2);
  }
  return number;
}

async function main(): Promise<void> {
  const upstream = await startFakeUpstream({
    port: numberArg("--port", process.env.PORT) ?? 4010,
    apiKey: argValue("--api-key") ?? process.env.FAKE_UPSTREAM_API_KEY,
    latencyMs: numberArg("--latency"),
    chunkDelayMs: numberArg("--chunk-delay"),
    recordLimit: process.argv.includes("--no-record") ? 0 : undefined,
    log: process.argv.includes("--log"),
  });
  process.stdout.write(`fake-upstream listening on ${upstream.url}\n`);
  const stop = (): void => {
    upstream.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-upstream failed to start: ${String(error)}\n`);
  process.exit(1);
});
