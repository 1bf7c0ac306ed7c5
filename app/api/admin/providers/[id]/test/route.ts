export const dynamic = "force-dynamic";
export { POST } from "@/lib/providers/provider-test-route";
