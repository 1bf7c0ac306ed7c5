export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/teams/teams-route";
