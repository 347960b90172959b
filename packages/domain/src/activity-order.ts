/*
 * The activity feed's order, with no import: the store's key table (which the authorizer bundles)
 * builds its sort key with it, and the web app merges pages by it.
 */

/**
 * An entry's place in the feed, `<occurredAt>#<eventId>`: the newer, the greater (ISO times in UTC
 * order as strings; a UUID holds no `#`). The store's sort key and the web app's merge order alike.
 */
export const activityOrderKey = (entry: { occurredAt: string; eventId: string }) => `${entry.occurredAt}#${entry.eventId}`;

/** The `[occurredAt, eventId]` an activityOrderKey is made of. */
export function activityOrderParts(key: string): [string, string] {
  const cut = key.indexOf('#');
  return [key.slice(0, cut), key.slice(cut + 1)];
}
