/**
 * The names a daily-counts report labels its rows with (items, departments, terminals), built once per
 * published catalog version and terminal list instead of parsing the catalog JSON on every request.
 */
import type Database from 'better-sqlite3'
import { activeCatalogIndex } from '../catalogCache'
import type { Store } from '../db/store'
import type { ReportLabels } from './dailyCounts'

/** Labels plus the signature they were built from: a cached report is only valid under the same signature. */
export interface SignedLabels {
  labels: ReportLabels
  signature: string
}

const TERMINAL_NAMES_SQL = 'SELECT id, name FROM terminals ORDER BY id'

interface LabelState {
  signature: string
  labels: ReportLabels
  terminalNames: Database.Statement
}

const byStore = new WeakMap<Store, LabelState>()

/** Current labels of `store`; rebuilt only when the active catalog version or a terminal's id/name changed. */
export function reportLabels(store: Store): SignedLabels {
  let state = byStore.get(store)
  if (!state) {
    state = {
      signature: '',
      labels: { items: new Map(), departments: new Map(), terminals: new Map() },
      terminalNames: store.db.prepare(TERMINAL_NAMES_SQL),
    }
    byStore.set(store, state)
  }
  const terminals = state.terminalNames.all() as { id: string; name: string }[]
  const active = activeCatalogIndex(store)
  // Unit and record separators cannot occur in ids or names, so the signature is unambiguous.
  const signature = `${active?.version ?? 0}\u001e${terminals.map((t) => `${t.id}\u001f${t.name}`).join('\u001e')}`
  if (signature !== state.signature) {
    const catalog = active?.full.catalog
    state.labels = {
      items: new Map(
        catalog?.items.map((i) => [i.code, { name: i.name.zh, department: i.department }]) ?? [],
      ),
      departments: new Map(catalog?.departments.map((d) => [d.code, d.name.zh]) ?? []),
      terminals: new Map(terminals.map((t) => [t.id, t.name])),
    }
    state.signature = signature
  }
  return { labels: state.labels, signature }
}
