export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/keys/keys-route";
