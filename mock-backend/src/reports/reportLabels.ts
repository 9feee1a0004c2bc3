/**
 * The names a daily-counts report labels its rows with (items, departments, terminals, districts), built once per
 * published catalog version, terminal list and organisation tree instead of parsing the catalog JSON on every
 * request.
 */
import type { CatalogCache } from '../catalogCache'
import type { OverlayStorage } from '../db/overlayRows'
import type { ReportStorage, Storage } from '../db/storage'
import type { ReportLabels } from './dailyCounts'

/** Labels plus the signature they were built from: a cached report is only valid under the same signature. */
export interface SignedLabels {
  labels: ReportLabels
  signature: string
}

/** The report labels of one store (built by createAppDeps; one per running server). */
export class ReportLabelSource {
  private signature = ''
  private labels: ReportLabels = {
    items: new Map(),
    departments: new Map(),
    terminals: new Map(),
    districts: new Map(),
  }

  constructor(
    private readonly queries: ReportStorage,
    private readonly catalog: CatalogCache,
    private readonly tree: Pick<Storage, 'listDivisions'>,
    private readonly overlays: Pick<OverlayStorage, 'activeVersions' | 'activeOfAll'>,
  ) {}

  /**
   * Current labels; rebuilt only when the active catalog version, a district's active overlay, a terminal's
   * id/name or a division changed. The districts' added items are named too (the province's name wins a shared code).
   */
  async current(): Promise<SignedLabels> {
    const terminals = await this.queries.terminalNames()
    const divisions = await this.tree.listDivisions()
    const active = await this.catalog.active()
    const overlays = await this.overlays.activeVersions()
    // Unit and record separators cannot occur in ids or names, so the signature is unambiguous.
    const names = [
      ...terminals.map((t) => [t.id, t.name]),
      ...divisions.map((d) => [d.code, d.nameZh]),
      ...overlays.map((o) => [`overlay ${o.districtCode}`, String(o.version)]),
    ]
    const signature = `${active?.version ?? 0}\u001e${names.map(([id, name]) => `${id}\u001f${name}`).join('\u001e')}`
    if (signature !== this.signature) {
      const catalog = active?.full.catalog
      const added = overlays.length === 0 ? [] : await this.overlays.activeOfAll()
      const items = [...added.flatMap((o) => o.overlay.additions), ...(catalog?.items ?? [])]
      const departments = [...added.flatMap((o) => o.overlay.departments), ...(catalog?.departments ?? [])]
      this.labels = {
        items: new Map(items.map((i) => [i.code, { name: i.name.zh, department: i.department }])),
        departments: new Map(departments.map((d) => [d.code, d.name.zh])),
        terminals: new Map(terminals.map((t) => [t.id, t.name])),
        districts: new Map(divisions.map((d) => [d.code, d.nameZh])),
      }
      this.signature = signature
    }
    return { labels: this.labels, signature }
  }
}
