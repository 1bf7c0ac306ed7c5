export const dynamic = "force-dynamic";
export { POST } from "@/lib/gateway/anthropic-inbound/messages-route";
