/** The district catalog overlays on PostgreSQL (migration 0011), as `store.overlays`. */
import type { Sql } from 'postgres'
import type { CatalogOverlay, OverlayStorage, OverlayVersionFull, OverlayVersionRow } from '../overlayRows'

/** The first key of a district's publish lock (arbitrary, fixed); the second is the district code as a number. */
const OVERLAY_LOCK = 0x2f4a61c5

type FullDbRow = OverlayVersionRow & { overlayJson: string }
const withContent = ({ overlayJson, ...row }: FullDbRow): OverlayVersionFull => ({
  ...row,
  overlay: JSON.parse(overlayJson) as CatalogOverlay,
})

/** Reads and publishes district overlays over one pooled `sql`. */
export class PostgresOverlayStorage implements OverlayStorage {
  constructor(private readonly sql: Sql) {}

  async latest(districtCode: string): Promise<number> {
    const [row] = await this.sql<{ v: number | null }[]>`
      SELECT max(version) AS v FROM catalog_overlays WHERE district_code = ${districtCode}`
    return row?.v ?? 0
  }
  async list(districtCode: string): Promise<OverlayVersionRow[]> {
    return [
      ...(await this.sql<OverlayVersionRow[]>`
        SELECT district_code, version, published_at, published_by, note, addition_count, withdrawal_count
        FROM catalog_overlays WHERE district_code = ${districtCode} ORDER BY version DESC`),
    ]
  }
  async get(districtCode: string, version: number): Promise<OverlayVersionFull | undefined> {
    const rows = await this.sql<FullDbRow[]>`
      SELECT district_code, version, published_at, published_by, note, addition_count, withdrawal_count, overlay_json
      FROM catalog_overlays WHERE district_code = ${districtCode} AND version = ${version}`
    return rows.map(withContent)[0]
  }
  /** Two nodes publishing for one district at once take turns on that district's lock, so each gets its own number. */
  async publish(
    districtCode: string,
    overlay: CatalogOverlay,
    by: string,
    note: string,
    now: string,
  ): Promise<number> {
    return this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${OVERLAY_LOCK}, ${Number(districtCode)})`
      const [row] = await tx<{ version: number }[]>`
        INSERT INTO catalog_overlays (district_code, version, published_at, published_by, note, addition_count,
          withdrawal_count, overlay_json)
        SELECT ${districtCode}, coalesce(max(version), 0) + 1, ${now}, ${by}, ${note}, ${overlay.additions.length},
          ${overlay.withdrawals.length}, ${JSON.stringify(overlay)}
        FROM catalog_overlays WHERE district_code = ${districtCode}
        RETURNING version`
      return row!.version
    })
  }
  async activeVersions(): Promise<{ districtCode: string; version: number }[]> {
    return [
      ...(await this.sql<{ districtCode: string; version: number }[]>`
        SELECT district_code, max(version) AS version FROM catalog_overlays GROUP BY district_code
        ORDER BY district_code`),
    ]
  }
  async activeOfAll(): Promise<OverlayVersionFull[]> {
    return [
      ...(
        await this.sql<FullDbRow[]>`
        SELECT DISTINCT ON (district_code) district_code, version, published_at, published_by, note, addition_count,
          withdrawal_count, overlay_json
        FROM catalog_overlays ORDER BY district_code, version DESC`
      ).map(withContent),
    ]
  }
}
