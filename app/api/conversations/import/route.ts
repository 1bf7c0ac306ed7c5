export const dynamic = "force-dynamic";
export { importRoute as POST } from "@/lib/conversations/conversations-route";
