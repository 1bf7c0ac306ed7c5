export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/providers/providers-route";
