/** SQL of the district catalog overlays (migration 18), beside store.ts as `store.overlays`. */
import type Database from 'better-sqlite3'
import type { CatalogOverlay, OverlayStorage, OverlayVersionFull, OverlayVersionRow } from '../overlayRows'

const COLUMNS =
  'district_code AS districtCode, version, published_at AS publishedAt, published_by AS publishedBy, note, ' +
  'addition_count AS additionCount, withdrawal_count AS withdrawalCount'

type FullDbRow = OverlayVersionRow & { overlayJson: string }
const withContent = ({ overlayJson, ...row }: FullDbRow): OverlayVersionFull => ({
  ...row,
  overlay: JSON.parse(overlayJson) as CatalogOverlay,
})

/** Reads and publishes district overlays. */
export class OverlayStore implements OverlayStorage {
  private readonly q
  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      latest: p('SELECT max(version) AS v FROM catalog_overlays WHERE district_code = ?'),
      list: p(`SELECT ${COLUMNS} FROM catalog_overlays WHERE district_code = ? ORDER BY version DESC`),
      get: p(
        `SELECT ${COLUMNS}, overlay_json AS overlayJson FROM catalog_overlays WHERE district_code = ? AND version = ?`,
      ),
      insert: p(
        'INSERT INTO catalog_overlays (district_code, version, published_at, published_by, note, addition_count, ' +
          'withdrawal_count, overlay_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      activeVersions: p(
        'SELECT district_code AS districtCode, max(version) AS version FROM catalog_overlays ' +
          'GROUP BY district_code ORDER BY district_code',
      ),
      activeOfAll: p(
        `SELECT ${COLUMNS}, overlay_json AS overlayJson FROM catalog_overlays o WHERE version = ` +
          '(SELECT max(version) FROM catalog_overlays l WHERE l.district_code = o.district_code) ORDER BY district_code',
      ),
    }
  }

  private latestSync(districtCode: string): number {
    return (this.q.latest.get(districtCode) as { v: number | null }).v ?? 0
  }
  async latest(districtCode: string): Promise<number> {
    return this.latestSync(districtCode)
  }
  async list(districtCode: string): Promise<OverlayVersionRow[]> {
    return this.q.list.all(districtCode) as OverlayVersionRow[]
  }
  async get(districtCode: string, version: number): Promise<OverlayVersionFull | undefined> {
    const row = this.q.get.get(districtCode, version) as FullDbRow | undefined
    return row && withContent(row)
  }
  async publish(
    districtCode: string,
    overlay: CatalogOverlay,
    by: string,
    note: string,
    now: string,
  ): Promise<number> {
    return this.db.transaction(() => {
      const version = this.latestSync(districtCode) + 1
      this.q.insert.run(
        districtCode,
        version,
        now,
        by,
        note,
        overlay.additions.length,
        overlay.withdrawals.length,
        JSON.stringify(overlay),
      )
      return version
    })()
  }
  async activeVersions(): Promise<{ districtCode: string; version: number }[]> {
    return this.q.activeVersions.all() as { districtCode: string; version: number }[]
  }
  async activeOfAll(): Promise<OverlayVersionFull[]> {
    return (this.q.activeOfAll.all() as FullDbRow[]).map(withContent)
  }
}
