export const dynamic = "force-dynamic";
export { GET, PATCH, DELETE } from "@/lib/teams/team-route";
