/**
 * The backend's Storage on PostgreSQL (the `postgres` driver: one pooled `sql`, `sql.begin` transactions). Each
 * unit of work is one transaction; ingest is idempotent through `INSERT … ON CONFLICT (key) DO NOTHING RETURNING`
 * plus one read of the raced rows, and the rollups follow in the same transaction (the statement-level triggers
 * of migrations/0001-schema.sql). Counters, staff, audit, reports and cases sit in their own files.
 */
import type { Sql } from 'postgres'
import type { Catalog, SearchEntry } from '../../../../services-catalog/src/schema'
import type { Division } from '../../contract/divisions'
import type { PinHash } from '../../contract/wire'
import { NODE_TOPICS } from '../../nodes/topics'
import type * as Row from '../rows'
import type { HelpCallSharing, Storage } from '../storage'
import type * as Unit from '../unitsOfWork'
import { PostgresAuditStorage } from './auditStorage'
import { openCases, PostgresCaseStorage } from './caseStorage'
import { mergeCounterValues, PostgresCounterStorage } from './counterStorage'
import { PostgresEidStorage } from './eidStorage'
import { PostgresHelpCallQueue, PostgresHelpMailbox } from './helpCallSharing'
import { PostgresHelpDeskStorage } from './helpDeskStorage'
import { PostgresHelperPresence } from './helperPresence'
import { PostgresMaterialStorage } from './materialStorage'
import { PostgresNodeCoordination } from './nodeCoordination'
import { PostgresOrderStorage } from './orderStorage'
import { PostgresOverlayStorage } from './overlayStorage'
import { PostgresPhoneUploadStorage } from './phoneUploadStorage'
import { PostgresReportStorage } from './reportStorage'
import { PostgresStaffStorage } from './staffStorage'
import { TERMINAL_COLUMNS, type TerminalDbRow, toTerminal } from './terminals'

/** Candidates kept: the newest this many. */
const CANDIDATES_KEPT = 20
/** Rows per statement of the one-time fingerprint rewrite. */
const REWRITE_CHUNK = 2000
/** The transaction-level lock that orders concurrent publishes (the next version number is max + 1). */
const PUBLISH_LOCK = 0x2f4a61c4

/** PostgreSQL's SQLSTATE for a full disk (class 53, insufficient resources). */
const DISK_FULL = '53100'
const isDiskFull = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === DISK_FULL
/** SQLSTATE 40P01: PostgreSQL broke a deadlock by failing this transaction; it can run again as it was. */
const DEADLOCK = '40P01'
/** Times an ingest unit runs again after PostgreSQL chose it to break a deadlock. */
const DEADLOCK_RETRIES = 3

/** The columns ingest writes per transaction, named as NewTransaction's fields. */
const TRANSACTION_COLUMNS = [
  'key',
  'payloadHash',
  'terminalId',
  'districtCode',
  'sessionId',
  'itemCode',
  'department',
  'catalogVersion',
  'createdAt',
  'day',
  'receivedAt',
  'resultJson',
  'reference',
  'servedFor',
  'relationship',
] as const satisfies readonly (keyof Row.NewTransaction)[]

/** A catalog version as read, its content still JSON text. */
type VersionDbRow = Row.CatalogVersionRow & { catalogJson: string; searchJson: string }
/** The version with its catalog and search entries parsed. */
const withContent = ({ catalogJson, searchJson, ...meta }: VersionDbRow): Row.CatalogVersionFull =>
  Object.assign(meta, {
    catalog: JSON.parse(catalogJson) as Catalog,
    search: JSON.parse(searchJson) as SearchEntry[],
  })

/** The whole backend store over one pooled PostgreSQL connection. */
export class PostgresStorage implements Storage {
  readonly ephemeral = false
  catalogGeneration = 0
  readonly counters: PostgresCounterStorage
  readonly staff: PostgresStaffStorage
  readonly audit: PostgresAuditStorage
  readonly eid: PostgresEidStorage
  readonly phoneUploads: PostgresPhoneUploadStorage
  readonly reports: PostgresReportStorage
  readonly cases: PostgresCaseStorage
  readonly helpDesk: PostgresHelpDeskStorage
  readonly overlays: PostgresOverlayStorage
  readonly orders: PostgresOrderStorage
  readonly materials: PostgresMaterialStorage
  readonly nodes: PostgresNodeCoordination
  readonly helpCalls: HelpCallSharing

  constructor(private readonly sql: Sql) {
    this.nodes = new PostgresNodeCoordination(sql)
    this.helpCalls = {
      queue: new PostgresHelpCallQueue(sql),
      mailbox: new PostgresHelpMailbox(sql),
      presence: new PostgresHelperPresence(sql),
    }
    this.eid = new PostgresEidStorage(sql)
    this.phoneUploads = new PostgresPhoneUploadStorage(sql)
    this.counters = new PostgresCounterStorage(sql)
    this.staff = new PostgresStaffStorage(sql)
    this.audit = new PostgresAuditStorage(sql)
    this.reports = new PostgresReportStorage(sql)
    this.cases = new PostgresCaseStorage(sql)
    this.helpDesk = new PostgresHelpDeskStorage(sql)
    this.overlays = new PostgresOverlayStorage(sql)
    this.orders = new PostgresOrderStorage(sql)
    this.materials = new PostgresMaterialStorage(sql)
  }

  async ping(): Promise<boolean> {
    const [row] = await this.sql<{ ok: number }[]>`SELECT 1 AS ok`
    return row?.ok === 1
  }
  async close(): Promise<void> {
    await this.sql.end()
  }

  async getSetting(key: string): Promise<string | undefined> {
    const [row] = await this.sql<{ value: string }[]>`SELECT value FROM settings WHERE key = ${key}`
    return row?.value
  }
  async putSetting(key: string, value: string): Promise<void> {
    await this.sql`
      INSERT INTO settings (key, value) VALUES (${key}, ${value})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`
  }
  async deleteSetting(key: string): Promise<void> {
    await this.sql`DELETE FROM settings WHERE key = ${key}`
  }

  async latestCatalogVersion(): Promise<number> {
    const [row] = await this.sql<{ v: number | null }[]>`SELECT max(version) AS v FROM catalog_versions`
    return row?.v ?? 0
  }
  async listCatalogVersions(): Promise<Row.CatalogVersionRow[]> {
    return [
      ...(await this.sql<Row.CatalogVersionRow[]>`
        SELECT version, published_at, published_by, note, item_count FROM catalog_versions ORDER BY version DESC`),
    ]
  }
  async getCatalogVersion(version: number): Promise<Row.CatalogVersionFull | undefined> {
    const rows = await this.sql<VersionDbRow[]>`
      SELECT version, published_at, published_by, note, item_count, catalog_json, search_json
      FROM catalog_versions WHERE version = ${version}`
    return rows.map(withContent)[0]
  }
  /** Two nodes publishing at once take turns on PUBLISH_LOCK, so each gets its own next number. */
  publishCatalog: Storage['publishCatalog'] = async (catalog, search, by, note, now) => {
    const version = await this.sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})`
      const [row] = await tx<{ version: number }[]>`
        INSERT INTO catalog_versions (version, published_at, published_by, note, item_count, catalog_json, search_json)
        SELECT coalesce(max(version), 0) + 1, ${now}, ${by}, ${note}, ${catalog.items.length},
          ${JSON.stringify(catalog)}, ${JSON.stringify(search)} FROM catalog_versions
        RETURNING version`
      // Delivered to every node (this one too) when this transaction commits: their catalog caches start over.
      await tx`SELECT pg_notify(${NODE_TOPICS.catalog}, ${String(row!.version)})`
      return row!.version
    })
    this.catalogGeneration += 1
    return version
  }
  async putCandidate(c: Row.CandidateRow, now: string): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`
        INSERT INTO catalog_candidates (id, created_at, created_by, ok, report_json, catalog_json)
        VALUES (${c.id}, ${now}, ${c.createdBy}, ${c.ok}, ${JSON.stringify(c.report)},
          ${c.catalog ? JSON.stringify(c.catalog) : null})`
      await tx`
        DELETE FROM catalog_candidates
        WHERE id NOT IN (SELECT id FROM catalog_candidates ORDER BY created_at DESC LIMIT ${CANDIDATES_KEPT})`
    })
  }
  async getCandidate(id: string): Promise<Row.CandidateRow | undefined> {
    const [r] = await this.sql<
      { id: string; createdBy: string; ok: boolean; reportJson: string; catalogJson: string | null }[]
    >`SELECT id, created_by, ok, report_json, catalog_json FROM catalog_candidates WHERE id = ${id}`
    if (!r) return undefined
    return {
      id: r.id,
      createdBy: r.createdBy,
      ok: r.ok,
      report: JSON.parse(r.reportJson),
      catalog: r.catalogJson ? (JSON.parse(r.catalogJson) as Catalog) : null,
    }
  }

  listDivisions(): Promise<Division[]> {
    return this.sql<Division[]>`SELECT code, name_zh, name_en FROM divisions ORDER BY code`
  }
  async division(code: string): Promise<Division | undefined> {
    const [found] = await this.sql<
      Division[]
    >`SELECT code, name_zh, name_en FROM divisions WHERE code = ${code}`
    return found
  }
  async addDivisions(divisions: readonly Division[]): Promise<number> {
    if (divisions.length === 0) return 0
    const added = await this.sql`
      INSERT INTO divisions ${this.sql(divisions.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })))}
      ON CONFLICT (code) DO NOTHING`
    return added.count
  }
  async insertTerminal(t: Row.NewTerminal): Promise<void> {
    await this.sql`
      INSERT INTO terminals (id, name, location, groups_json, district_code, token_hash, enrol_code_hash,
        enrol_expires_at, created_at, enrolled_at)
      VALUES (${t.id}, ${t.name}, ${t.location}, ${JSON.stringify(t.groups)}, ${t.districtCode}, ${t.tokenHash},
        ${t.codeHash}, ${t.codeExpiresAt}, ${t.now}, ${t.tokenHash ? t.now : null})`
  }
  private async terminalsWhere(where: ReturnType<Sql>): Promise<Row.TerminalRow[]> {
    return (
      await this.sql<TerminalDbRow[]>`SELECT ${this.sql.unsafe(TERMINAL_COLUMNS)} FROM terminals ${where}`
    ).map(toTerminal)
  }
  async getTerminal(id: string): Promise<Row.TerminalRow | undefined> {
    return (await this.terminalsWhere(this.sql`WHERE id = ${id}`))[0]
  }
  listTerminals(): Promise<Row.TerminalRow[]> {
    return this.terminalsWhere(this.sql`ORDER BY id`)
  }
  async terminalByTokenHash(tokenHash: string): Promise<Row.TerminalRow | undefined> {
    return (await this.terminalsWhere(this.sql`WHERE token_hash = ${tokenHash}`))[0]
  }
  /** The code is consumed in the same statement that checks it, so two nodes cannot both enrol with it. */
  async enrolWithCode(
    codeHash: string,
    tokenHash: string,
    nowMs: number,
  ): Promise<{ id: string; name: string } | undefined> {
    const [row] = await this.sql<{ id: string; name: string }[]>`
      UPDATE terminals SET token_hash = ${tokenHash}, enrol_code_hash = NULL, enrol_expires_at = NULL,
        enrolled_at = ${new Date(nowMs).toISOString()}, revoked_at = NULL, token_expires_at = NULL
      WHERE enrol_code_hash = ${codeHash} AND enrol_expires_at >= ${nowMs}
      RETURNING id, name`
    return row
  }
  async setEnrolCode(id: string, codeHash: string, expiresAt: number): Promise<void> {
    await this
      .sql`UPDATE terminals SET enrol_code_hash = ${codeHash}, enrol_expires_at = ${expiresAt} WHERE id = ${id}`
  }
  async setTerminalToken(id: string, tokenHash: string, at: string): Promise<void> {
    await this.sql`
      UPDATE terminals SET token_hash = ${tokenHash}, enrolled_at = ${at}, revoked_at = NULL, token_expires_at = NULL
      WHERE id = ${id}`
  }
  async revokeTerminal(id: string, at: string): Promise<void> {
    await this.sql`
      UPDATE terminals SET revoked_at = ${at}, enrol_code_hash = NULL, enrol_expires_at = NULL WHERE id = ${id}`
  }
  async rotateTerminalKey(id: string, codeHash: string, until: number): Promise<void> {
    await this.sql`
      UPDATE terminals SET enrol_code_hash = ${codeHash}, enrol_expires_at = ${until},
        token_expires_at = CASE WHEN token_hash IS NULL THEN token_expires_at
          ELSE least(coalesce(token_expires_at, ${until}), ${until}) END
      WHERE id = ${id}`
  }
  async orderWipe(id: string, at: string): Promise<void> {
    await this.sql`UPDATE terminals SET wipe_requested_at = ${at} WHERE id = ${id}`
  }
  async recordWipe(id: string, at: string): Promise<void> {
    await this.sql`UPDATE terminals SET wipe_requested_at = NULL, wiped_at = ${at} WHERE id = ${id}`
  }
  async editTerminal(id: string, edit: Unit.TerminalEdit): Promise<void> {
    await this.sql`
      UPDATE terminals SET name = ${edit.name}, location = ${edit.location}, groups_json = ${JSON.stringify(edit.groups)},
        district_code = ${edit.districtCode}
        ${edit.idleSeconds === undefined ? this.sql`` : this.sql`, idle_seconds = ${edit.idleSeconds}`}
        ${edit.pin === undefined ? this.sql`` : this.sql`, pin_hash_json = ${JSON.stringify(edit.pin)}`}
        ${
          edit.help?.contact === undefined
            ? this.sql``
            : this
                .sql`, help_contact_json = ${edit.help.contact === null ? null : JSON.stringify(edit.help.contact)}`
        }
        ${
          edit.help?.noAnswerSeconds === undefined
            ? this.sql``
            : this.sql`, no_answer_seconds = ${edit.help.noAnswerSeconds}`
        }
      WHERE id = ${id}`
  }
  async setTerminalPin(id: string, pin: PinHash): Promise<void> {
    await this.sql`UPDATE terminals SET pin_hash_json = ${JSON.stringify(pin)} WHERE id = ${id}`
  }
  async setIdleSeconds(ids: readonly string[], seconds: number): Promise<string[]> {
    if (ids.length === 0) return []
    const changed = await this.sql<{ id: string }[]>`
      UPDATE terminals SET idle_seconds = ${seconds} WHERE id = ANY(${ids as string[]}) RETURNING id`
    const set = new Set(changed.map((r) => r.id))
    return ids.filter((id) => set.has(id))
  }
  async recordHeartbeat(id: string, at: string, heartbeat: unknown): Promise<void> {
    await this
      .sql`UPDATE terminals SET last_seen_at = ${at}, heartbeat_json = ${JSON.stringify(heartbeat)} WHERE id = ${id}`
  }
  async prepareDemoTerminal(unit: Unit.DemoTerminalUnit): Promise<void> {
    const t = unit.terminal
    await this.sql.begin(async (tx) => {
      await tx`
        INSERT INTO terminals (id, name, location, groups_json, district_code, token_hash, enrol_code_hash,
          enrol_expires_at, created_at, enrolled_at)
        VALUES (${t.id}, ${t.name}, ${t.location}, ${JSON.stringify(t.groups)}, ${t.districtCode}, ${t.tokenHash},
          ${t.codeHash}, ${t.codeExpiresAt}, ${t.now}, ${t.tokenHash ? t.now : null})
        ON CONFLICT (id) DO NOTHING`
      // Locked for the step, so two nodes starting at once decide one after the other.
      const [terminal] = await tx<TerminalDbRow[]>`
        SELECT ${tx.unsafe(TERMINAL_COLUMNS)} FROM terminals WHERE id = ${t.id} FOR UPDATE`
      const [setting] = await tx<
        { value: string }[]
      >`SELECT value FROM settings WHERE key = ${unit.settingKey}`
      const stored = setting?.value
      const standing = unit.standingHash(stored)
      const [holder] = standing
        ? await tx<{ id: string }[]>`SELECT id FROM terminals WHERE token_hash = ${standing}`
        : []
      const writes = unit.decide({ stored, terminal: toTerminal(terminal!), holderId: holder?.id })
      if (writes.setting === null) await tx`DELETE FROM settings WHERE key = ${unit.settingKey}`
      else if (writes.setting !== undefined)
        await tx`
          INSERT INTO settings (key, value) VALUES (${unit.settingKey}, ${writes.setting})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`
      if (writes.tokenHash !== undefined)
        await tx`
          UPDATE terminals SET token_hash = ${writes.tokenHash}, enrolled_at = ${t.now}, revoked_at = NULL,
            token_expires_at = NULL WHERE id = ${t.id}`
      if (writes.revoke)
        await tx`
          UPDATE terminals SET revoked_at = ${t.now}, enrol_code_hash = NULL, enrol_expires_at = NULL WHERE id = ${t.id}`
      await tx`
        UPDATE terminals SET enrol_code_hash = ${writes.enrolCode.hash}, enrol_expires_at = ${writes.enrolCode.expiresAt}
        WHERE id = ${t.id}`
    })
  }

  async getTransaction(key: string): Promise<Row.StoredTransaction | undefined> {
    return (await this.getTransactionsByKey([key])).get(key)
  }
  async agencyFigures(
    from: string,
    to: string,
    districts?: readonly string[],
  ): Promise<Row.AgencyFigureRow[]> {
    const rows = await this.sql<Row.AgencyFigureRow[]>`
      SELECT item_code, count(*)::int AS records,
        (count(*) FILTER (WHERE served_for = '家人'))::int AS family,
        (count(*) FILTER (WHERE served_for = '他人'))::int AS others
      FROM transactions WHERE day BETWEEN ${from} AND ${to}
        ${districts ? this.sql`AND district_code = ANY(${districts as string[]})` : this.sql``}
      GROUP BY item_code ORDER BY item_code COLLATE "C"`
    return rows.map((r) => ({ ...r }))
  }
  async getTransactionsByKey(keys: readonly string[]): Promise<Map<string, Row.StoredTransaction>> {
    const found = new Map<string, Row.StoredTransaction>()
    if (keys.length === 0) return found
    const rows = await this.sql<Row.StoredTransaction[]>`
      SELECT key, payload_hash, result_json FROM transactions WHERE key = ANY(${keys as string[]})`
    for (const r of rows) found.set(r.key, r)
    return found
  }
  /**
   * One transaction: a multi-row INSERT … ON CONFLICT (key) DO NOTHING RETURNING key (a row another request is
   * inserting meanwhile makes this one wait for its commit, then skip it), one read of the raced rows, then the
   * cases in a savepoint, so a failure there rolls back only the cases. A row whose reference number another
   * node stored meanwhile is skipped too (the ON CONFLICT names no index, so transactions_reference counts) and
   * reported in `referenceTaken`, for ingest to draw again: never a failed batch. Rows of two nodes claiming each
   * other's references can deadlock; the unit PostgreSQL fails to break it runs again.
   */
  async ingest(unit: Unit.IngestUnit): Promise<Unit.IngestDone> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ingestOnce(unit)
      } catch (error) {
        if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= DEADLOCK_RETRIES) throw error
      }
    }
  }
  private ingestOnce(unit: Unit.IngestUnit): Promise<Unit.IngestDone> {
    const rows = unit.rows
    if (rows.length === 0) return Promise.resolve({ raced: [], referenceTaken: [], casesOpened: 0 })
    return this.sql.begin(async (tx) => {
      // Inserted in key order: two batches sharing keys then wait on each other in one direction only (in the
      // terminal's order, one holding k1 and waiting on k2 while the other holds k2 and waits on k1 deadlocks).
      const byKey = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      // References first, in reference_numbers (keyed by the reference alone: unique in the province whatever
      // transactions are keyed or distributed by); a row whose reference another claim holds is not inserted.
      const claims = byKey
        .filter((r) => r.reference !== null)
        .map((r) => ({ reference: r.reference, districtCode: r.districtCode, transactionKey: r.key }))
        .sort((a, b) => (a.reference! < b.reference! ? -1 : a.reference! > b.reference! ? 1 : 0))
      const claimed =
        claims.length === 0
          ? []
          : await tx<{ reference: string; transactionKey: string }[]>`
              INSERT INTO reference_numbers ${tx(claims, 'reference', 'districtCode', 'transactionKey')}
              ON CONFLICT DO NOTHING RETURNING reference, transaction_key`
      const claimedKeys = new Set(claimed.map((c) => c.transactionKey))
      const insertable = byKey
        .filter((r) => r.reference === null || claimedKeys.has(r.key))
        .map((r) => ({ ...r, servedFor: r.servedFor ?? '本人', relationship: r.relationship ?? null }))
      const inserted =
        insertable.length === 0
          ? []
          : await tx<{ key: string; reference: string | null }[]>`
              INSERT INTO transactions ${tx(insertable, TRANSACTION_COLUMNS)} ON CONFLICT DO NOTHING
              RETURNING key, reference`
      const mine = new Set(inserted.map((r) => r.key))
      // A reference claimed here for a row not stored (its key was stored before) names nothing: released.
      const storedReferences = new Set(inserted.map((r) => r.reference))
      const unclaimed = claimed.map((c) => c.reference).filter((r) => !storedReferences.has(r))
      if (unclaimed.length > 0) await tx`DELETE FROM reference_numbers WHERE reference = ANY(${unclaimed})`
      const others = rows.filter((r) => !mine.has(r.key)).map((r) => r.key)
      const stored = new Map<string, Row.StoredTransaction>()
      if (others.length > 0)
        for (const r of await tx<Row.StoredTransaction[]>`
          SELECT key, payload_hash, result_json FROM transactions WHERE key = ANY(${others})`)
          stored.set(r.key, r)
      // A key twice in `rows`: only its first row was stored now; later ones answer the stored row. A row neither
      // stored nor found by its key was skipped for its reference.
      const storedNow = rows.map(() => false)
      const referenceTaken: number[] = []
      const raced = rows.map((r, i) => {
        if (mine.delete(r.key)) {
          stored.set(r.key, { key: r.key, payloadHash: r.payloadHash, resultJson: r.resultJson })
          storedNow[i] = true
          return null
        }
        const first = stored.get(r.key)
        if (!first) referenceTaken.push(i)
        return first ?? null
      })
      unit.lap?.('insert')
      let done: Unit.IngestDone
      try {
        const cases = unit.casesFor(storedNow)
        // A savepoint of its own only when there are cases: a failure rolls back the cases, not the records.
        const casesOpened = cases.length === 0 ? 0 : await tx.savepoint((sp) => openCases(sp, cases))
        done = { raced, referenceTaken, casesOpened }
      } catch (error) {
        // No room on disk: the whole batch fails (nothing stored) rather than keep records without their cases.
        if (isDiskFull(error)) throw error
        done = { raced, referenceTaken, casesOpened: 0, caseError: error }
      }
      unit.lap?.('cases')
      return done
    })
  }
  async referencesOfDay(day: string): Promise<string[]> {
    const rows = await this.sql<{ reference: string }[]>`
      SELECT reference FROM transactions WHERE day = ${day} AND reference IS NOT NULL`
    return rows.map((r) => r.reference)
  }
  async transactionsByReference(reference: string): Promise<{ key: string; resultJson: string }[]> {
    // Its district and key from reference_numbers (one node: keyed by the reference), then the record there.
    const [holder] = await this.sql<{ districtCode: string; transactionKey: string }[]>`
      SELECT district_code, transaction_key FROM reference_numbers WHERE reference = ${reference}`
    if (!holder) return []
    return [
      ...(await this.sql<{ key: string; resultJson: string }[]>`
        SELECT key, result_json FROM transactions
        WHERE district_code = ${holder.districtCode} AND key = ${holder.transactionKey}`),
    ]
  }
  async countTransactions(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`SELECT count(*) AS n FROM transactions`
    return row!.n
  }

  async mergeCounters(terminalId: string, counters: Row.CounterValue[]): Promise<number> {
    await mergeCounterValues(this.sql, terminalId, counters)
    return counters.length
  }

  /** Keyset pages by primary key (PostgreSQL has no rowid), all in one transaction with the key's check value. */
  rewriteFingerprints(
    f: Unit.FingerprintRewrite,
    check: { setting: string; value: string },
  ): Promise<number> {
    return this.sql.begin(async (tx) => {
      let touched = 0
      for (let after = ''; ; ) {
        const rows = await tx<{ key: string; payloadHash: string; resultJson: string }[]>`
          SELECT key, payload_hash, result_json FROM transactions WHERE key > ${after} ORDER BY key LIMIT ${REWRITE_CHUNK}`
        if (rows.length > 0) {
          const updates = rows.map((r) => ({
            key: r.key,
            hash: f.payload(r.payloadHash),
            result: f.isSealed(r.resultJson) ? r.resultJson : f.seal(r.resultJson),
          }))
          await tx`
            UPDATE transactions SET payload_hash = u.hash, result_json = u.result
            FROM jsonb_to_recordset(${tx.json(updates)}) AS u(key text, hash text, result text)
            WHERE transactions.key = u.key`
        }
        touched += rows.length
        if (rows.length < REWRITE_CHUNK) break
        after = rows[rows.length - 1]!.key
      }
      for (let after = ''; ; ) {
        const rows = await tx<{ transactionKey: string; subjectHash: string }[]>`
          SELECT transaction_key, subject_hash FROM cases
          WHERE subject_hash IS NOT NULL AND transaction_key > ${after} ORDER BY transaction_key LIMIT ${REWRITE_CHUNK}`
        if (rows.length > 0) {
          const updates = rows.map((r) => ({ key: r.transactionKey, hash: f.subject(r.subjectHash) }))
          await tx`
            UPDATE cases SET subject_hash = u.hash FROM jsonb_to_recordset(${tx.json(updates)}) AS u(key text, hash text)
            WHERE cases.transaction_key = u.key`
        }
        touched += rows.length
        if (rows.length < REWRITE_CHUNK) break
        after = rows[rows.length - 1]!.transactionKey
      }
      await tx`
        INSERT INTO settings (key, value) VALUES (${check.setting}, ${check.value})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`
      return touched
    })
  }

  /**
   * Clears the resident data; PostgreSQL keeps the old row versions until VACUUM reclaims them, so the purge
   * ends with a VACUUM of the two tables (SQLite's secure_delete + checkpoint play that part there).
   */
  async purgeResidentData(cutoffIso: string): Promise<Unit.PurgeCounts> {
    const counts = await this.sql.begin(async (tx) => {
      const subjects = await tx`
        UPDATE cases SET subject_hash = NULL, agent_hash = NULL
        WHERE (subject_hash IS NOT NULL OR agent_hash IS NOT NULL) AND finished_at < ${cutoffIso}`
      const notes = await tx`
        UPDATE case_follow_ups SET contact_note = NULL WHERE contact_note IS NOT NULL AND closed_at < ${cutoffIso}`
      return { subjects: subjects.count, contactNotes: notes.count }
    })
    if (counts.subjects + counts.contactNotes > 0) await this.sql`VACUUM cases, case_follow_ups`
    return counts
  }
}
