export const dynamic = "force-dynamic";
export { POST } from "@/lib/playground/playground-tokens-route";
