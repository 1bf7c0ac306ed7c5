export const dynamic = "force-dynamic";
export { POST } from "@/lib/gateway/cancel-route";
