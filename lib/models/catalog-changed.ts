// Providers and models form the gateway's routing table; it reloads that table when this fires.
import { logger } from "../logger";
import { sharedStore } from "../store";

export const CATALOG_CHANGED_CHANNEL = "catalog-changed";

export async function publishCatalogChanged(): Promise<void> {
  try {
    await sharedStore().publish(CATALOG_CHANGED_CHANNEL, "");
  } catch (error) {
    // The change is saved; replicas pick it up on their next periodic reload.
    logger().warn({ err: error }, "could not publish catalog change");
  }
}
