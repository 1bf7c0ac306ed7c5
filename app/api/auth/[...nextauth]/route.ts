export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/auth/nextauth-route";
