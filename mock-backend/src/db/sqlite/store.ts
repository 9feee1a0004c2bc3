/**
 * The SQLite implementation of the Storage interface (../storage.ts): named, prepared operations over the kiosk
 * database. Together with the rest of `db/sqlite/` (caseStore.ts as `store.cases`, counterStore.ts, staffStore.ts,
 * auditStore.ts, reportQueries.ts as `store.reports`, migrations.ts, bulkInsert.ts) it is the only code that
 * speaks SQLite. It expects a fully migrated database (openDatabase migrates).
 */
import type Database from 'better-sqlite3'
import type { Catalog, SearchEntry } from '../../../../services-catalog/src/schema'
import type { Division } from '../../contract/divisions'
import type { HelpContact } from '../../contract/helpDeskRules'
import type { PinHash } from '../../contract/wire'
import { isStorageFull } from '../../http/storageFull'
import type {
  AgencyFigureRow,
  CandidateRow,
  CatalogVersionFull,
  CatalogVersionRow,
  CounterValue,
  NewTerminal,
  NewTransaction,
  StoredTransaction,
  TerminalRow,
} from '../rows'
import type { Storage } from '../storage'
import type {
  DemoTerminalUnit,
  FingerprintRewrite,
  HelpEdit,
  IngestDone,
  IngestUnit,
  PurgeCounts,
  TerminalEdit,
} from '../unitsOfWork'
import { AuditStore } from './auditStore'
import { BulkInsert } from './bulkInsert'
import { CaseStore } from './caseStore'
import { CounterStore } from './counterStore'
import { EidStore } from './eidStore'
import { rewriteFingerprints } from './fingerprintUpgrade'
import { HelpDeskStore } from './helpDeskStore'
import { MaterialStore } from './materialStore'
import { OrderStore } from './orderStore'
import { OverlayStore } from './overlayStore'
import { PhoneUploadStore } from './phoneUploadStore'
import { ReportQueries } from './reportQueries'
import { purgeResidentData } from './retention'
import { StaffStore } from './staffStore'

interface TerminalDbRow {
  id: string
  name: string
  location: string
  groups_json: string
  district_code: string
  token_hash: string | null
  created_at: string
  last_seen_at: string | null
  heartbeat_json: string | null
  pin_hash_json: string | null
  idle_seconds: number | null
  help_contact_json?: string | null
  no_answer_seconds?: number | null
  revoked_at: string | null
  token_expires_at: number | null
  wipe_requested_at: string | null
  wiped_at: string | null
}

const toTerminal = (r: TerminalDbRow): TerminalRow => ({
  id: r.id,
  name: r.name,
  location: r.location,
  groups: JSON.parse(r.groups_json) as string[],
  districtCode: r.district_code,
  enrolled: r.token_hash !== null,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  heartbeat: r.heartbeat_json ? JSON.parse(r.heartbeat_json) : null,
  pin: r.pin_hash_json ? (JSON.parse(r.pin_hash_json) as PinHash) : null,
  idleSeconds: r.idle_seconds,
  helpContact: r.help_contact_json ? (JSON.parse(r.help_contact_json) as HelpContact) : null,
  noAnswerSeconds: r.no_answer_seconds ?? null,
  revokedAt: r.revoked_at,
  tokenExpiresAt: r.token_expires_at,
  wipeRequestedAt: r.wipe_requested_at,
  wipedAt: r.wiped_at,
})

/** Rollup rows `[...key, n]`: how many of `rows` fall on each key. */
function rollupRows(rows: readonly NewTransaction[], key: (r: NewTransaction) => string[]): unknown[][] {
  const counts = new Map<string, { key: string[]; n: number }>()
  for (const row of rows) {
    const parts = key(row)
    const id = JSON.stringify(parts)
    const entry = counts.get(id)
    if (entry) entry.n += 1
    else counts.set(id, { key: parts, n: 1 })
  }
  return [...counts.values()].map((e) => [...e.key, e.n])
}

/**
 * The SQLite store: named, prepared better-sqlite3 statements behind the async `Storage` interface. Every method
 * runs synchronously (one statement, or one transaction for a unit of work) and answers a settled promise, so no
 * other request's statements can run in the middle of a unit.
 */
export class SqliteStorage implements Storage {
  private readonly q
  /** The ingest path's statements (one single-row INSERT, two multi-row rollup upserts), prepared on first use. */
  private bulk?: {
    reference: Database.Statement
    unclaim: Database.Statement
    transaction: Database.Statement
    daily: BulkInsert
    sessions: BulkInsert
  }
  /** Bumped by every publish/rollback so in-memory catalog caches (catalogCache.ts) start over. */
  catalogGeneration = 0
  /** The ops reports' queries (prepared on first use). */
  readonly reports: ReportQueries
  /** Counter judging inputs, quarantine, floors and resets (counterStore.ts). */
  readonly counters: CounterStore
  /** Cases, ratings and follow-ups (caseStore.ts), prepared on first use (migration tests open older databases). */
  private caseStore?: CaseStore
  /** Built on first use, so a store over a database not yet at migration 9 still opens (migration tests). */
  private eidStore?: EidStore
  private phoneUploadStore?: PhoneUploadStore
  private staffStore?: StaffStore
  private auditStore?: AuditStore
  private helpDeskStore?: HelpDeskStore
  private overlayStore?: OverlayStore
  private orderStore?: OrderStore
  private materialStore?: MaterialStore
  /**
   * The terminal-key statements (migration 7's columns), prepared on first use: a test may build a store over a
   * database migrated only part of the way, to watch a later migration run.
   */
  private keyStatements?: ReturnType<SqliteStorage['prepareKeyStatements']>
  private get keys() {
    this.keyStatements ??= this.prepareKeyStatements()
    return this.keyStatements
  }
  private prepareKeyStatements() {
    const p = (sql: string) => this.db.prepare(sql)
    return {
      enrol: p(
        'UPDATE terminals SET token_hash = ?, enrol_code_hash = NULL, enrol_expires_at = NULL, enrolled_at = ?, ' +
          'revoked_at = NULL, token_expires_at = NULL WHERE id = ?',
      ),
      setEnrolCode: p('UPDATE terminals SET enrol_code_hash = ?, enrol_expires_at = ? WHERE id = ?'),
      setToken: p(
        'UPDATE terminals SET token_hash = ?, enrolled_at = ?, revoked_at = NULL, token_expires_at = NULL WHERE id = ?',
      ),
      revoke: p(
        'UPDATE terminals SET revoked_at = ?, enrol_code_hash = NULL, enrol_expires_at = NULL WHERE id = ?',
      ),
      expireToken: p(
        'UPDATE terminals SET token_expires_at = min(coalesce(token_expires_at, @until), @until) ' +
          'WHERE id = @id AND token_hash IS NOT NULL',
      ),
      orderWipe: p('UPDATE terminals SET wipe_requested_at = ? WHERE id = ?'),
      wiped: p('UPDATE terminals SET wipe_requested_at = NULL, wiped_at = ? WHERE id = ?'),
    }
  }
  /** The better-sqlite3 connection: only this folder and the SQLite tests touch it. */
  constructor(readonly db: Database.Database) {
    this.reports = new ReportQueries(db)
    this.counters = new CounterStore(db)
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      getSetting: p('SELECT value FROM settings WHERE key = ?'),
      putSetting: p(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      deleteSetting: p('DELETE FROM settings WHERE key = ?'),
      agencyFigures: p(
        "SELECT item_code AS itemCode, district_code AS districtCode, COUNT(*) AS records, SUM(served_for = '家人') " +
          "AS family, SUM(served_for = '他人') AS others FROM transactions WHERE day BETWEEN ? AND ? " +
          'GROUP BY item_code, district_code',
      ),
      latestVersion: p('SELECT max(version) AS v FROM catalog_versions'),
      listVersions: p(
        'SELECT version, published_at AS publishedAt, published_by AS publishedBy, note, item_count AS itemCount ' +
          'FROM catalog_versions ORDER BY version DESC',
      ),
      getVersion: p(
        'SELECT version, published_at AS publishedAt, published_by AS publishedBy, note, item_count AS itemCount, ' +
          'catalog_json AS catalogJson, search_json AS searchJson FROM catalog_versions WHERE version = ?',
      ),
      insertVersion: p(
        'INSERT INTO catalog_versions (version, published_at, published_by, note, item_count, catalog_json, search_json) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      putCandidate: p(
        'INSERT INTO catalog_candidates (id, created_at, created_by, ok, report_json, catalog_json) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getCandidate: p(
        'SELECT id, created_by AS createdBy, ok, report_json AS reportJson, catalog_json AS catalogJson ' +
          'FROM catalog_candidates WHERE id = ?',
      ),
      pruneCandidates: p(
        'DELETE FROM catalog_candidates WHERE id NOT IN (SELECT id FROM catalog_candidates ORDER BY created_at DESC LIMIT 20)',
      ),
      insertTerminal: p(
        'INSERT INTO terminals (id, name, location, groups_json, district_code, token_hash, enrol_code_hash, enrol_expires_at, ' +
          'created_at, enrolled_at) VALUES (@id, @name, @location, @groups, @districtCode, @tokenHash, @codeHash, ' +
          '@codeExpiresAt, @createdAt, @enrolledAt)',
      ),
      listDivisions: p('SELECT code, name_zh AS nameZh, name_en AS nameEn FROM divisions ORDER BY code'),
      division: p('SELECT code, name_zh AS nameZh, name_en AS nameEn FROM divisions WHERE code = ?'),
      addDivision: p(
        'INSERT INTO divisions (code, name_zh, name_en) VALUES (@code, @nameZh, @nameEn) ON CONFLICT DO NOTHING',
      ),
      getTerminal: p('SELECT * FROM terminals WHERE id = ?'),
      listTerminals: p('SELECT * FROM terminals ORDER BY id'),
      terminalByToken: p('SELECT * FROM terminals WHERE token_hash = ?'),
      terminalByCode: p(
        'SELECT id, name, enrol_expires_at AS expiresAt FROM terminals WHERE enrol_code_hash = ?',
      ),
      updateTerminal: p(
        'UPDATE terminals SET name = ?, location = ?, groups_json = ?, district_code = ? WHERE id = ?',
      ),
      heartbeat: p('UPDATE terminals SET last_seen_at = ?, heartbeat_json = ? WHERE id = ?'),
      getTransaction: p(
        'SELECT key, payload_hash AS payloadHash, result_json AS resultJson FROM transactions WHERE key = ?',
      ),
      getTransactions: p(
        'SELECT key, payload_hash AS payloadHash, result_json AS resultJson FROM transactions ' +
          'WHERE key IN (SELECT value FROM json_each(?))',
      ),
      countTransactions: p('SELECT count(*) AS n FROM transactions'),
      // A reference's record: its district and key from reference_numbers, then the record in its district.
      referenceHolder: p(
        'SELECT district_code AS districtCode, transaction_key AS transactionKey FROM reference_numbers WHERE reference = ?',
      ),
      byDistrictKey: p(
        'SELECT key, result_json AS resultJson FROM transactions WHERE district_code = ? AND key = ?',
      ),
      referencesOfDay: p('SELECT reference FROM transactions WHERE day = ? AND reference IS NOT NULL'),
      ping: p('SELECT 1 AS ok'),
    }
  }

  get ephemeral(): boolean {
    return this.db.memory
  }
  /** Cases, ratings and follow-ups (caseStore.ts). */
  get cases(): CaseStore {
    this.caseStore ??= new CaseStore(this.db)
    return this.caseStore
  }
  /** Staff accounts and sessions (staffStore.ts). */
  get staff(): StaffStore {
    this.staffStore ??= new StaffStore(this.db)
    return this.staffStore
  }
  /** 帮办 call records and call-back tasks (helpDeskStore.ts), prepared on first use like the other parts. */
  get helpDesk(): HelpDeskStore {
    this.helpDeskStore ??= new HelpDeskStore(this.db)
    return this.helpDeskStore
  }
  /** The districts' catalog overlays (overlayStore.ts, migration 18), prepared on first use like the other parts. */
  get overlays(): OverlayStore {
    this.overlayStore ??= new OverlayStore(this.db)
    return this.overlayStore
  }

  /** Payment and refund orders (orderStore.ts), prepared on first use like the other parts. */
  get orders(): OrderStore {
    this.orderStore ??= new OrderStore(this.db)
    return this.orderStore
  }

  /** 申请材料 (materialStore.ts), prepared on first use like the other parts. */
  get materials(): MaterialStore {
    this.materialStore ??= new MaterialStore(this.db)
    return this.materialStore
  }

  /** 电子身份证 codes used and attempts (eidStore.ts), prepared on first use like the other parts. */
  get eid(): EidStore {
    this.eidStore ??= new EidStore(this.db)
    return this.eidStore
  }

  /** 用手机拍照上传 sessions (phoneUploadStore.ts), prepared on first use like the other parts. */
  get phoneUploads(): PhoneUploadStore {
    this.phoneUploadStore ??= new PhoneUploadStore(this.db)
    return this.phoneUploadStore
  }
  /** The audit log (auditStore.ts). */
  get audit(): AuditStore {
    this.auditStore ??= new AuditStore(this.db)
    return this.auditStore
  }

  async ping(): Promise<boolean> {
    return (this.q.ping.get() as { ok: number }).ok === 1
  }
  async close(): Promise<void> {
    this.db.close()
  }

  /** Runs `fn` inside one SQLite transaction (a savepoint when already inside one; rolled back if it throws). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  private setting(key: string): string | undefined {
    return (this.q.getSetting.get(key) as { value: string } | undefined)?.value
  }
  async getSetting(key: string): Promise<string | undefined> {
    return this.setting(key)
  }
  async putSetting(key: string, value: string): Promise<void> {
    this.q.putSetting.run(key, value)
  }
  async deleteSetting(key: string): Promise<void> {
    this.q.deleteSetting.run(key)
  }

  private latestVersion(): number {
    return (this.q.latestVersion.get() as { v: number | null }).v ?? 0
  }
  async latestCatalogVersion(): Promise<number> {
    return this.latestVersion()
  }
  async listCatalogVersions(): Promise<CatalogVersionRow[]> {
    return this.q.listVersions.all() as CatalogVersionRow[]
  }
  async getCatalogVersion(version: number): Promise<CatalogVersionFull | undefined> {
    const r = this.q.getVersion.get(version) as
      | (CatalogVersionRow & { catalogJson: string; searchJson: string })
      | undefined
    if (!r) return undefined
    const { catalogJson, searchJson, ...meta } = r
    return {
      ...meta,
      catalog: JSON.parse(catalogJson) as Catalog,
      search: JSON.parse(searchJson) as SearchEntry[],
    }
  }
  async publishCatalog(
    catalog: Catalog,
    search: SearchEntry[],
    by: string,
    note: string,
    now: string,
  ): Promise<number> {
    return this.transaction(() => {
      const version = this.latestVersion() + 1
      this.q.insertVersion.run(
        version,
        now,
        by,
        note,
        catalog.items.length,
        JSON.stringify(catalog),
        JSON.stringify(search),
      )
      this.catalogGeneration += 1
      return version
    })
  }

  async putCandidate(c: CandidateRow, now: string): Promise<void> {
    this.transaction(() => {
      this.q.putCandidate.run(
        c.id,
        now,
        c.createdBy,
        c.ok ? 1 : 0,
        JSON.stringify(c.report),
        c.catalog ? JSON.stringify(c.catalog) : null,
      )
      this.q.pruneCandidates.run()
    })
  }
  async getCandidate(id: string): Promise<CandidateRow | undefined> {
    const r = this.q.getCandidate.get(id) as
      | { id: string; createdBy: string; ok: number; reportJson: string; catalogJson: string | null }
      | undefined
    if (!r) return undefined
    return {
      id: r.id,
      createdBy: r.createdBy,
      ok: r.ok === 1,
      report: JSON.parse(r.reportJson),
      catalog: r.catalogJson ? (JSON.parse(r.catalogJson) as Catalog) : null,
    }
  }

  private insertTerminalNow(t: NewTerminal): void {
    this.q.insertTerminal.run({
      id: t.id,
      name: t.name,
      location: t.location,
      groups: JSON.stringify(t.groups),
      districtCode: t.districtCode,
      tokenHash: t.tokenHash,
      codeHash: t.codeHash,
      codeExpiresAt: t.codeExpiresAt,
      createdAt: t.now,
      enrolledAt: t.tokenHash ? t.now : null,
    })
  }
  async listDivisions(): Promise<Division[]> {
    return this.q.listDivisions.all() as Division[]
  }
  async division(code: string): Promise<Division | undefined> {
    return this.q.division.get(code) as Division | undefined
  }
  async addDivisions(divisions: readonly Division[]): Promise<number> {
    return this.transaction(() => divisions.reduce((n, d) => n + this.q.addDivision.run(d).changes, 0))
  }
  async insertTerminal(t: NewTerminal): Promise<void> {
    this.insertTerminalNow(t)
  }
  private terminal(id: string): TerminalRow | undefined {
    const r = this.q.getTerminal.get(id) as TerminalDbRow | undefined
    return r ? toTerminal(r) : undefined
  }
  async getTerminal(id: string): Promise<TerminalRow | undefined> {
    return this.terminal(id)
  }
  async listTerminals(): Promise<TerminalRow[]> {
    return (this.q.listTerminals.all() as TerminalDbRow[]).map(toTerminal)
  }
  private terminalByToken(tokenHash: string): TerminalRow | undefined {
    const r = this.q.terminalByToken.get(tokenHash) as TerminalDbRow | undefined
    return r ? toTerminal(r) : undefined
  }
  async terminalByTokenHash(tokenHash: string): Promise<TerminalRow | undefined> {
    return this.terminalByToken(tokenHash)
  }
  async enrolWithCode(
    codeHash: string,
    tokenHash: string,
    nowMs: number,
  ): Promise<{ id: string; name: string } | undefined> {
    return this.transaction(() => {
      const r = this.q.terminalByCode.get(codeHash) as
        | { id: string; name: string; expiresAt: number | null }
        | undefined
      if (!r || r.expiresAt === null || r.expiresAt < nowMs) return undefined
      this.keys.enrol.run(tokenHash, new Date(nowMs).toISOString(), r.id)
      return { id: r.id, name: r.name }
    })
  }
  async setEnrolCode(id: string, codeHash: string, expiresAt: number): Promise<void> {
    this.keys.setEnrolCode.run(codeHash, expiresAt, id)
  }
  async setTerminalToken(id: string, tokenHash: string, at: string): Promise<void> {
    this.keys.setToken.run(tokenHash, at, id)
  }
  async revokeTerminal(id: string, at: string): Promise<void> {
    this.keys.revoke.run(at, id)
  }
  async rotateTerminalKey(id: string, codeHash: string, until: number): Promise<void> {
    this.transaction(() => {
      this.keys.setEnrolCode.run(codeHash, until, id)
      this.keys.expireToken.run({ until, id })
    })
  }
  async orderWipe(id: string, at: string): Promise<void> {
    this.keys.orderWipe.run(at, id)
  }
  async recordWipe(id: string, at: string): Promise<void> {
    this.keys.wiped.run(at, id)
  }
  async editTerminal(id: string, edit: TerminalEdit): Promise<void> {
    this.transaction(() => {
      this.q.updateTerminal.run(edit.name, edit.location, JSON.stringify(edit.groups), edit.districtCode, id)
      if (edit.idleSeconds !== undefined) this.idleSecondsNow([id], edit.idleSeconds)
      if (edit.pin) this.pinNow(id, edit.pin)
      if (edit.help) this.helpNow(id, edit.help)
    })
  }
  private helpNow(id: string, help: HelpEdit): void {
    // Prepared on use (a rare admin action), so a store over a database before migration 16 still opens.
    if (help.contact !== undefined)
      this.db
        .prepare('UPDATE terminals SET help_contact_json = ? WHERE id = ?')
        .run(help.contact === null ? null : JSON.stringify(help.contact), id)
    if (help.noAnswerSeconds !== undefined)
      this.db.prepare('UPDATE terminals SET no_answer_seconds = ? WHERE id = ?').run(help.noAnswerSeconds, id)
  }
  private pinNow(id: string, pin: PinHash): void {
    // Prepared on use (a rare admin action), so a store over a database before migration 8 still opens.
    this.db.prepare('UPDATE terminals SET pin_hash_json = ? WHERE id = ?').run(JSON.stringify(pin), id)
  }
  async setTerminalPin(id: string, pin: PinHash): Promise<void> {
    this.pinNow(id, pin)
  }
  private idleSecondsNow(ids: readonly string[], seconds: number): string[] {
    const update = this.db.prepare('UPDATE terminals SET idle_seconds = ? WHERE id = ?')
    return this.transaction(() => ids.filter((id) => update.run(seconds, id).changes === 1))
  }
  async setIdleSeconds(ids: readonly string[], seconds: number): Promise<string[]> {
    return this.idleSecondsNow(ids, seconds)
  }
  async recordHeartbeat(id: string, at: string, heartbeat: unknown): Promise<void> {
    this.q.heartbeat.run(at, JSON.stringify(heartbeat), id)
  }
  async prepareDemoTerminal(unit: DemoTerminalUnit): Promise<void> {
    this.transaction(() => {
      const { id } = unit.terminal
      if (!this.terminal(id)) this.insertTerminalNow(unit.terminal)
      const stored = this.setting(unit.settingKey)
      const standing = unit.standingHash(stored)
      const holderId = standing === undefined ? undefined : this.terminalByToken(standing)?.id
      const writes = unit.decide({ stored, terminal: this.terminal(id)!, holderId })
      if (writes.setting === null) this.q.deleteSetting.run(unit.settingKey)
      else if (writes.setting !== undefined) this.q.putSetting.run(unit.settingKey, writes.setting)
      if (writes.tokenHash !== undefined) this.keys.setToken.run(writes.tokenHash, unit.terminal.now, id)
      if (writes.revoke) this.keys.revoke.run(unit.terminal.now, id)
      this.keys.setEnrolCode.run(writes.enrolCode.hash, writes.enrolCode.expiresAt, id)
    })
  }

  private transactionNow(key: string): StoredTransaction | undefined {
    return this.q.getTransaction.get(key) as StoredTransaction | undefined
  }
  async getTransaction(key: string): Promise<StoredTransaction | undefined> {
    return this.transactionNow(key)
  }
  async agencyFigures(from: string, to: string, districts?: readonly string[]): Promise<AgencyFigureRow[]> {
    const rows = this.q.agencyFigures.all(from, to) as (AgencyFigureRow & { districtCode: string })[]
    const byItem = new Map<string, AgencyFigureRow>()
    for (const r of rows) {
      if (districts && !districts.includes(r.districtCode)) continue
      const sum = byItem.get(r.itemCode) ?? { itemCode: r.itemCode, records: 0, family: 0, others: 0 }
      sum.records += r.records
      sum.family += r.family
      sum.others += r.others
      byItem.set(r.itemCode, sum)
    }
    return [...byItem.values()].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1))
  }
  async getTransactionsByKey(keys: readonly string[]): Promise<Map<string, StoredTransaction>> {
    const found = new Map<string, StoredTransaction>()
    if (keys.length === 0) return found
    for (const r of this.q.getTransactions.all(JSON.stringify(keys)) as StoredTransaction[])
      found.set(r.key, r)
    return found
  }
  /**
   * Hot path: one prepared single-row INSERT per record, whose `changes` says whether it was stored (measured
   * ~1.8× faster than a multi-row INSERT … RETURNING of the same rows), then the transaction rollups (migration
   * 4's tables) grouped in JS — one upsert per day × terminal × item × department instead of a trigger firing
   * per row (migration 5 dropped the two insert triggers; update/delete triggers remain). The cases go in a
   * savepoint of the same transaction: a commit (and fsync) per case made ingest ~14× slower, and a savepoint
   * per case cost another ~20% of a batch.
   */
  async ingest(unit: IngestUnit): Promise<IngestDone> {
    // One process writes a SQLite file, and its reference claims (departments/referenceClaims.ts) see every
    // batch: a reference is refused here only when reference_numbers already holds it (a bug, or a restored copy).
    if (unit.rows.length === 0) return { raced: [], referenceTaken: [], casesOpened: 0 }
    return this.transaction(() => {
      const { raced, referenceTaken } = this.insertTransactionsNow(unit.rows)
      unit.lap?.('insert')
      let done: IngestDone
      try {
        const cases = unit.casesFor(raced.map((r) => r === null))
        // A savepoint of its own only when there are cases: a failure rolls back the cases, not the records.
        const casesOpened = cases.length === 0 ? 0 : this.transaction(() => this.cases.insertCasesNow(cases))
        done = { raced, referenceTaken, casesOpened }
      } catch (err) {
        // No room on disk: the whole batch fails (nothing stored) rather than keep records without their cases.
        if (isStorageFull(err)) throw err
        done = { raced, referenceTaken, casesOpened: 0, caseError: err }
      }
      unit.lap?.('cases')
      return done
    })
  }
  /**
   * The rows, their reference numbers and their rollups; the caller's transaction makes them one unit. A row's
   * reference is claimed in reference_numbers first (unique in the province, keyed by the reference alone): a
   * row whose reference is held already is not stored, and is answered as its key's stored row, else listed in
   * `referenceTaken` (as the PostgreSQL store does).
   */
  private insertTransactionsNow(rows: readonly NewTransaction[]): {
    raced: (StoredTransaction | null)[]
    referenceTaken: number[]
  } {
    this.bulk ??= {
      reference: this.db.prepare(
        'INSERT INTO reference_numbers (reference, district_code, transaction_key) VALUES (?, ?, ?) ' +
          'ON CONFLICT DO NOTHING',
      ),
      unclaim: this.db.prepare('DELETE FROM reference_numbers WHERE reference = ? AND transaction_key = ?'),
      transaction: this.db.prepare(
        'INSERT INTO transactions (key, payload_hash, terminal_id, district_code, session_id, item_code, ' +
          'department, catalog_version, created_at, day, received_at, result_json, reference, served_for, ' +
          'relationship) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING',
      ),
      daily: new BulkInsert(
        this.db,
        'INSERT INTO transaction_daily (district_code, day, terminal_id, item_code, department, n)',
        6,
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
      sessions: new BulkInsert(
        this.db,
        'INSERT INTO transaction_daily_session (district_code, day, item_code, department, session_id, n)',
        6,
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
    }
    const bulk = this.bulk
    const stored: NewTransaction[] = []
    const referenceTaken: number[] = []
    // A key twice in `rows`, or stored meanwhile: only its first row is stored; later ones answer the stored row.
    const answer = rows.map((r, i) => {
      if (r.reference !== null && bulk.reference.run(r.reference, r.districtCode, r.key).changes === 0) {
        const first = this.transactionNow(r.key)
        if (!first) referenceTaken.push(i)
        return first ?? null
      }
      const { changes } = bulk.transaction.run(
        r.key,
        r.payloadHash,
        r.terminalId,
        r.districtCode,
        r.sessionId,
        r.itemCode,
        r.department,
        r.catalogVersion,
        r.createdAt,
        r.day,
        r.receivedAt,
        r.resultJson,
        r.reference,
        r.servedFor ?? '本人',
        r.relationship ?? null,
      )
      if (changes === 1) {
        stored.push(r)
        return null
      }
      // Its key was stored before: the reference just claimed names nothing.
      if (r.reference !== null) bulk.unclaim.run(r.reference, r.key)
      return this.transactionNow(r.key) ?? null
    })
    bulk.daily.run(rollupRows(stored, (r) => [r.districtCode, r.day, r.terminalId, r.itemCode, r.department]))
    bulk.sessions.run(
      rollupRows(stored, (r) => [r.districtCode, r.day, r.itemCode, r.department, r.sessionId]),
    )
    return { raced: answer, referenceTaken }
  }

  async referencesOfDay(day: string): Promise<string[]> {
    return this.q.referencesOfDay.pluck().all(day) as string[]
  }
  async transactionsByReference(reference: string): Promise<{ key: string; resultJson: string }[]> {
    const holder = this.q.referenceHolder.get(reference) as
      | { districtCode: string; transactionKey: string }
      | undefined
    if (!holder) return []
    return this.q.byDistrictKey.all(holder.districtCode, holder.transactionKey) as {
      key: string
      resultJson: string
    }[]
  }
  async countTransactions(): Promise<number> {
    return (this.q.countTransactions.get() as { n: number }).n
  }

  async mergeCounters(terminalId: string, counters: CounterValue[]): Promise<number> {
    return this.transaction(() => {
      this.counters.mergeNow(terminalId, counters)
      return counters.length
    })
  }

  async rewriteFingerprints(
    f: FingerprintRewrite,
    check: { setting: string; value: string },
  ): Promise<number> {
    return this.transaction(() => {
      const touched = rewriteFingerprints(this.db, f)
      this.q.putSetting.run(check.setting, check.value)
      return touched
    })
  }
  async purgeResidentData(cutoffIso: string): Promise<PurgeCounts> {
    return purgeResidentData(this.db, cutoffIso)
  }
}
