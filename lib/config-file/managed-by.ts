// The mark on rows the configuration file owns (docs/configuration.md): the `managedBy`
// column of providers, models, teams, quotas, rate limits, alert rules and cache settings, and the
// field of the same name in the admin API. Pure (no server imports): schemas and console pages use it.
import { z } from "zod";

export const MANAGED_BY_CONFIG_FILE = "config-file";

/** "config-file": the configuration file owns it and the API refuses changes (409); null: managed in the console and API. */
export const managedBySchema = z.string().nullable();

export const isManaged = (item: { managedBy?: string | null }) => Boolean(item.managedBy);
