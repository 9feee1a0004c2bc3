/**
 * The catalog new sessions use: loaded from IndexedDB at start, refreshed with a conditional GET
 * (ETag), stored before it is used, and announced to listeners whenever it changes.
 */
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import { loadActiveCatalog, storeActiveCatalog } from '../storage/catalogStore'
import type { DbConnection, KioskDatabase } from '../storage/db'
import { getMeta } from '../storage/db'
import type { BackendClient } from './backendClient'

/** The terminal's current catalog and its refresh. */
export interface CatalogSync {
  current(): PublishedCatalog | null
  /** Loads the stored catalog (and tells listeners about it). */
  load(db: KioskDatabase): Promise<void>
  /** Fetches a newer catalog if the backend has one; does nothing while unenrolled. */
  refresh(): Promise<void>
  onCatalog(listener: (catalog: PublishedCatalog) => void): () => void
}

/** Creates the catalog sync; `enrolled` says whether requests can be authenticated yet. */
export function createCatalogSync(deps: {
  connection: DbConnection
  client: Pick<BackendClient, 'getCatalog'>
  now: () => Date
  enrolled: () => boolean
}): CatalogSync {
  let catalog: PublishedCatalog | null = null
  let etag: string | null = null
  const listeners = new Set<(catalog: PublishedCatalog) => void>()
  const announce = (next: PublishedCatalog) => {
    for (const listener of listeners) listener(next)
  }
  return {
    current: () => catalog,
    async load(db) {
      const stored = await loadActiveCatalog(db)
      catalog = stored?.catalog ?? null
      etag = stored?.etag ?? (await getMeta(db, 'catalogEtag')) ?? null
      if (catalog) announce(catalog)
    },
    async refresh() {
      if (!deps.enrolled()) return
      const answer = await deps.client.getCatalog(etag)
      if (answer.status !== 'ok') return
      if (catalog && answer.catalog.version === catalog.version && answer.etag === etag) return
      await storeActiveCatalog(
        await deps.connection.get(),
        answer.catalog,
        answer.etag,
        deps.now().toISOString(),
      )
      catalog = answer.catalog
      etag = answer.etag
      announce(answer.catalog)
    },
    onCatalog(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
