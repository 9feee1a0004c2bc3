/** Published catalog versions kept on the terminal so it starts and serves residents offline. */
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import { getMeta, type KioskDatabase, type StoredCatalog } from './db'

/** How many catalog versions to keep (the active one plus a fallback). */
export const KEEP_CATALOG_VERSIONS = 2

/** The catalog marked active, or null on a terminal that never downloaded one. */
export async function loadActiveCatalog(db: KioskDatabase): Promise<StoredCatalog | null> {
  const version = await getMeta(db, 'activeCatalogVersion')
  if (version === undefined) return null
  return (await db.get('catalog', version)) ?? null
}

/** Stores a downloaded version, makes it active and prunes old versions, in one transaction. */
export async function storeActiveCatalog(
  db: KioskDatabase,
  catalog: PublishedCatalog,
  etag: string | null,
  storedAt: string,
): Promise<StoredCatalog> {
  const stored: StoredCatalog = { version: catalog.version, catalog, etag, storedAt }
  const tx = db.transaction(['catalog', 'meta'], 'readwrite')
  const store = tx.objectStore('catalog')
  await store.put(stored)
  await tx.objectStore('meta').put(catalog.version, 'activeCatalogVersion')
  if (etag) await tx.objectStore('meta').put(etag, 'catalogEtag')
  const versions = await store.getAllKeys()
  const stale = versions.sort((a, b) => b - a).slice(KEEP_CATALOG_VERSIONS)
  for (const v of stale) if (v !== catalog.version) await store.delete(v)
  await tx.done
  return stored
}
