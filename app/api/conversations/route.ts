export const dynamic = "force-dynamic";
export { GET, POST, DELETE } from "@/lib/conversations/conversations-route";
