/**
 * The one timing the device layer needs before the agent client is loaded (the layer says unavailable by itself
 * while the lazily loaded client is still on its way), kept apart so the entry does not pull in the client.
 */

/** A connection not ready this long after start counts as unavailable (the screen must say so within 6 s). */
export const UNAVAILABLE_AFTER_MS = 5000
