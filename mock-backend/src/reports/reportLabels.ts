/**
 * The names a daily-counts report labels its rows with (items, departments, terminals), built once per
 * published catalog version and terminal list instead of parsing the catalog JSON on every request.
 */
import type { CatalogCache } from '../catalogCache'
import type { ReportStorage } from '../db/storage'
import type { ReportLabels } from './dailyCounts'

/** Labels plus the signature they were built from: a cached report is only valid under the same signature. */
export interface SignedLabels {
  labels: ReportLabels
  signature: string
}

/** The report labels of one store (built by createAppDeps; one per running server). */
export class ReportLabelSource {
  private signature = ''
  private labels: ReportLabels = { items: new Map(), departments: new Map(), terminals: new Map() }

  constructor(
    private readonly queries: ReportStorage,
    private readonly catalog: CatalogCache,
  ) {}

  /** Current labels; rebuilt only when the active catalog version or a terminal's id/name changed. */
  async current(): Promise<SignedLabels> {
    const terminals = await this.queries.terminalNames()
    const active = await this.catalog.active()
    // Unit and record separators cannot occur in ids or names, so the signature is unambiguous.
    const signature = `${active?.version ?? 0}\u001e${terminals.map((t) => `${t.id}\u001f${t.name}`).join('\u001e')}`
    if (signature !== this.signature) {
      const catalog = active?.full.catalog
      this.labels = {
        items: new Map(
          catalog?.items.map((i) => [i.code, { name: i.name.zh, department: i.department }]) ?? [],
        ),
        departments: new Map(catalog?.departments.map((d) => [d.code, d.name.zh]) ?? []),
        terminals: new Map(terminals.map((t) => [t.id, t.name])),
      }
      this.signature = signature
    }
    return { labels: this.labels, signature }
  }
}
