/**
 * A small synchronous note beside IndexedDB: "this terminal has a stored catalog, version N". A cold IndexedDB
 * open on a fresh browser launch takes most of a second at a village terminal's CPU, so the attract screen reads
 * this note instead and takes a tap at once; the tap itself waits for the catalog read, which has usually finished
 * by then. The note holds no resident data (a catalog version is the same on every terminal), so neither the
 * idle reset nor the terminal wipe (which keeps the catalog) has to clear it; the bridge corrects it at every
 * start from what IndexedDB really holds.
 */

/** The localStorage key of the note. */
export const STORED_CATALOG_KEY = 'kiosk.storedCatalogVersion'

/** The part of the Web Storage API the note uses (tests pass a Map-backed one). */
export type FlagStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The page's localStorage, or null where there is none or it refuses access (the note is then never kept). */
export function pageFlagStorage(): FlagStorage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null
  } catch {
    return null
  }
}

/** The stored catalog's version the note names, or null (no note, or not a version). */
export function readStoredCatalogFlag(storage: FlagStorage | null): number | null {
  const text = safely(() => storage?.getItem(STORED_CATALOG_KEY) ?? null, null)
  const version = text === null ? Number.NaN : Number(text)
  return Number.isSafeInteger(version) && version > 0 ? version : null
}

/** Notes the stored catalog's version (null: none stored, the note is removed). Best effort: a full or refused storage only costs the head start. */
export function writeStoredCatalogFlag(storage: FlagStorage | null, version: number | null): void {
  safely(() => {
    if (version === null) storage?.removeItem(STORED_CATALOG_KEY)
    else storage?.setItem(STORED_CATALOG_KEY, String(version))
  }, undefined)
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run()
  } catch {
    return fallback
  }
}
