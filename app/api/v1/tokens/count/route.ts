export const dynamic = "force-dynamic";
export { POST } from "@/lib/self-service/tokens-route";
