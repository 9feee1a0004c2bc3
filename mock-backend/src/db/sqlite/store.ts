/**
 * The storage layer's front: named, prepared operations over the kiosk database. Together with the rest of
 * `db/` (caseStore.ts for cases, reportQueries.ts for the ops reports as `store.reports`, migrations.ts,
 * bulkInsert.ts) it is the only code that speaks SQL, so another database (PostgreSQL) could replace SQLite
 * by reimplementing these classes. It expects a fully migrated database (openDatabase migrates).
 */
import type Database from 'better-sqlite3'
import type { Catalog, SearchEntry } from '../../../services-catalog/src/schema'
import type { PinHash } from '../contract/wire'
import { AuditStore } from './auditStore'
import { BulkInsert } from './bulkInsert'
import { CounterStore } from './counterStore'
import { ReportQueries } from './reportQueries'
import { StaffStore } from './staffStore'

/** One published catalog version. */
export interface CatalogVersionRow {
  version: number
  publishedAt: string
  publishedBy: string
  note: string
  itemCount: number
}

/** A published version with its content. */
export interface CatalogVersionFull extends CatalogVersionRow {
  catalog: Catalog
  search: SearchEntry[]
}

/** An uploaded, validated catalog waiting to be published. */
export interface CandidateRow {
  id: string
  createdBy: string
  ok: boolean
  report: unknown
  catalog: Catalog | null
}

/** A terminal as admins and ops see it. */
export interface TerminalRow {
  id: string
  name: string
  location: string
  groups: string[]
  enrolled: boolean
  createdAt: string
  lastSeenAt: string | null
  heartbeat: unknown
  /** The maintenance PIN's hash as the terminal receives it, or null before an admin set one. */
  pin: PinHash | null
  /** Idle seconds an admin set, or null for the contract's default. */
  idleSeconds: number | null
  /** When an admin revoked its key (every terminal route then answers 401 terminal_revoked), or null. */
  revokedAt: string | null
  /** After a rotate: when the current key stops working (epoch ms), unless the terminal re-enrols first. */
  tokenExpiresAt: number | null
  /** When an admin ordered its resident data wiped, until the terminal reports the wipe done. */
  wipeRequestedAt: string | null
  /** When the terminal last reported a wipe done. */
  wipedAt: string | null
}

/** A stored transaction outcome, looked up for idempotent replays. */
export interface StoredTransaction {
  key: string
  payloadHash: string
  resultJson: string
}

/** What ingest writes for one accepted record. */
export interface NewTransaction {
  key: string
  payloadHash: string
  terminalId: string
  sessionId: string
  itemCode: string
  department: string
  catalogVersion: number
  createdAt: string
  day: string
  receivedAt: string
  resultJson: string
  /** The department's reference number, for the document link. */
  reference: string
}

/** One counter value reported by a terminal. */
export interface CounterValue {
  day: string
  itemCode: string
  metric: string
  value: number
}

interface TerminalDbRow {
  id: string
  name: string
  location: string
  groups_json: string
  token_hash: string | null
  created_at: string
  last_seen_at: string | null
  heartbeat_json: string | null
  pin_hash_json: string | null
  idle_seconds: number | null
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
  enrolled: r.token_hash !== null,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  heartbeat: r.heartbeat_json ? JSON.parse(r.heartbeat_json) : null,
  pin: r.pin_hash_json ? (JSON.parse(r.pin_hash_json) as PinHash) : null,
  idleSeconds: r.idle_seconds,
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

/** Days of reference numbers `referenceTaken` keeps in memory, the least recently loaded dropped first. */
const REFERENCE_DAYS_KEPT = 8

/** Named, prepared queries over the kiosk database. */
export class Store {
  private readonly q
  /** Reference numbers in use, per Shanghai day, for the days ingest has asked about. */
  private readonly referencesByDay = new Map<string, Set<string>>()
  /** The ingest path's statements (one single-row INSERT, two multi-row rollup upserts), prepared on first use. */
  private bulk?: {
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
  /** Built on first use, so a Store over a database not yet at migration 9 still opens (migration tests). */
  private staffStore?: StaffStore
  private auditStore?: AuditStore
  /**
   * The terminal-key statements (migration 7's columns), prepared on first use: a test may build a Store over a
   * database migrated only part of the way, to watch a later migration run.
   */
  private keyStatements?: ReturnType<Store['prepareKeyStatements']>
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
        'INSERT INTO terminals (id, name, location, groups_json, token_hash, enrol_code_hash, enrol_expires_at, created_at, enrolled_at) ' +
          'VALUES (@id, @name, @location, @groups, @tokenHash, @codeHash, @codeExpiresAt, @createdAt, @enrolledAt)',
      ),
      getTerminal: p('SELECT * FROM terminals WHERE id = ?'),
      listTerminals: p('SELECT * FROM terminals ORDER BY id'),
      terminalByToken: p('SELECT * FROM terminals WHERE token_hash = ?'),
      terminalByCode: p(
        'SELECT id, name, enrol_expires_at AS expiresAt FROM terminals WHERE enrol_code_hash = ?',
      ),
      updateTerminal: p('UPDATE terminals SET name = ?, location = ?, groups_json = ? WHERE id = ?'),
      heartbeat: p('UPDATE terminals SET last_seen_at = ?, heartbeat_json = ? WHERE id = ?'),
      getTransaction: p(
        'SELECT key, payload_hash AS payloadHash, result_json AS resultJson FROM transactions WHERE key = ?',
      ),
      getTransactions: p(
        'SELECT key, payload_hash AS payloadHash, result_json AS resultJson FROM transactions ' +
          'WHERE key IN (SELECT value FROM json_each(?))',
      ),
      countTransactions: p('SELECT count(*) AS n FROM transactions'),
      byReference: p('SELECT key, result_json AS resultJson FROM transactions WHERE reference = ? LIMIT 20'),
      referencesOfDay: p('SELECT reference FROM transactions WHERE day = ? AND reference IS NOT NULL'),
      mergeCounter: p(
        'INSERT INTO counters (terminal_id, day, item_code, metric, value) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (terminal_id, day, item_code, metric) DO UPDATE SET value = max(value, excluded.value)',
      ),
      ping: p('SELECT 1 AS ok'),
    }
  }

  /** Staff accounts and sessions (staffStore.ts). */
  get staff(): StaffStore {
    this.staffStore ??= new StaffStore(this.db)
    return this.staffStore
  }
  /** The audit log (auditStore.ts). */
  get audit(): AuditStore {
    this.auditStore ??= new AuditStore(this.db)
    return this.auditStore
  }

  /** Cheap liveness probe for /api/health. */
  ping(): boolean {
    return (this.q.ping.get() as { ok: number }).ok === 1
  }

  /** Runs `fn` inside one SQLite transaction (rolled back if it throws). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  getSetting(key: string): string | undefined {
    return (this.q.getSetting.get(key) as { value: string } | undefined)?.value
  }
  putSetting(key: string, value: string): void {
    this.q.putSetting.run(key, value)
  }
  deleteSetting(key: string): void {
    this.q.deleteSetting.run(key)
  }

  latestCatalogVersion(): number {
    return (this.q.latestVersion.get() as { v: number | null }).v ?? 0
  }
  listCatalogVersions(): CatalogVersionRow[] {
    return this.q.listVersions.all() as CatalogVersionRow[]
  }
  getCatalogVersion(version: number): CatalogVersionFull | undefined {
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
  /** Publishes the next version number atomically and returns it. */
  publishCatalog(catalog: Catalog, search: SearchEntry[], by: string, note: string, now: string): number {
    return this.transaction(() => {
      const version = this.latestCatalogVersion() + 1
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

  putCandidate(c: CandidateRow, now: string): void {
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
  getCandidate(id: string): CandidateRow | undefined {
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

  insertTerminal(t: {
    id: string
    name: string
    location: string
    groups: string[]
    tokenHash: string | null
    codeHash: string | null
    codeExpiresAt: number | null
    now: string
  }): void {
    this.q.insertTerminal.run({
      id: t.id,
      name: t.name,
      location: t.location,
      groups: JSON.stringify(t.groups),
      tokenHash: t.tokenHash,
      codeHash: t.codeHash,
      codeExpiresAt: t.codeExpiresAt,
      createdAt: t.now,
      enrolledAt: t.tokenHash ? t.now : null,
    })
  }
  getTerminal(id: string): TerminalRow | undefined {
    const r = this.q.getTerminal.get(id) as TerminalDbRow | undefined
    return r ? toTerminal(r) : undefined
  }
  listTerminals(): TerminalRow[] {
    return (this.q.listTerminals.all() as TerminalDbRow[]).map(toTerminal)
  }
  terminalByTokenHash(tokenHash: string): TerminalRow | undefined {
    const r = this.q.terminalByToken.get(tokenHash) as TerminalDbRow | undefined
    return r ? toTerminal(r) : undefined
  }
  /** Consumes a one-time enrol code: returns the terminal when the code was valid and unexpired. */
  enrolWithCode(
    codeHash: string,
    tokenHash: string,
    nowMs: number,
  ): { id: string; name: string } | undefined {
    return this.transaction(() => {
      const r = this.q.terminalByCode.get(codeHash) as
        | { id: string; name: string; expiresAt: number | null }
        | undefined
      if (!r || r.expiresAt === null || r.expiresAt < nowMs) return undefined
      this.keys.enrol.run(tokenHash, new Date(nowMs).toISOString(), r.id)
      return { id: r.id, name: r.name }
    })
  }
  /** Sets a one-time enrol code (hash) valid until `expiresAt` (epoch ms), replacing any earlier code. */
  setEnrolCode(id: string, codeHash: string, expiresAt: number): void {
    this.keys.setEnrolCode.run(codeHash, expiresAt, id)
  }
  /** Gives the terminal this key (the demo terminal's seeded key), lifting a revoke or a rotation deadline. */
  setTerminalToken(id: string, tokenHash: string, at: string): void {
    this.keys.setToken.run(tokenHash, at, id)
  }
  /** Revokes the terminal's key at once and cancels any pending enrol code. */
  revokeTerminal(id: string, at: string): void {
    this.keys.revoke.run(at, id)
  }
  /** Rotation: the current key stops at `keyUntil` (epoch ms) unless it already stops sooner. */
  expireTerminalToken(id: string, keyUntil: number): void {
    this.keys.expireToken.run({ until: keyUntil, id })
  }
  /** Orders a wipe of the terminal's resident data at its next contact. */
  orderWipe(id: string, at: string): void {
    this.keys.orderWipe.run(at, id)
  }
  /** The terminal reported the ordered wipe done. */
  recordWipe(id: string, at: string): void {
    this.keys.wiped.run(at, id)
  }
  updateTerminal(id: string, name: string, location: string, groups: string[]): void {
    this.q.updateTerminal.run(name, location, JSON.stringify(groups), id)
  }
  /** Stores a terminal's new maintenance PIN hash (a remote reset reaches it with the next heartbeat answer). */
  setTerminalPin(id: string, pin: PinHash): void {
    // Prepared on use (a rare admin action), so a Store over a database before migration 8 still opens.
    this.db.prepare('UPDATE terminals SET pin_hash_json = ? WHERE id = ?').run(JSON.stringify(pin), id)
  }
  /** Sets the idle seconds of the given terminals in one transaction; returns the ids it changed. */
  setIdleSeconds(ids: readonly string[], seconds: number): string[] {
    const update = this.db.prepare('UPDATE terminals SET idle_seconds = ? WHERE id = ?')
    return this.transaction(() => ids.filter((id) => update.run(seconds, id).changes === 1))
  }
  recordHeartbeat(id: string, at: string, heartbeat: unknown): void {
    this.q.heartbeat.run(at, JSON.stringify(heartbeat), id)
  }

  getTransaction(key: string): StoredTransaction | undefined {
    return this.q.getTransaction.get(key) as StoredTransaction | undefined
  }
  /** Stored rows for any of these keys, by key: ONE query for a whole batch (ingest's replay check). */
  getTransactionsByKey(keys: readonly string[]): Map<string, StoredTransaction> {
    const found = new Map<string, StoredTransaction>()
    if (keys.length === 0) return found
    for (const r of this.q.getTransactions.all(JSON.stringify(keys)) as StoredTransaction[])
      found.set(r.key, r)
    return found
  }
  /**
   * Stores a batch of accepted transactions in ONE database transaction (joins the caller's transaction
   * when there is one). A key that another request stored meanwhile is not overwritten: its stored row is
   * returned instead, for replay/conflict handling.
   *
   * Hot path: one prepared single-row INSERT per record, whose `changes` says whether it was stored (measured
   * ~1.8× faster than a multi-row INSERT … RETURNING of the same rows), then the transaction rollups (migration
   * 4's tables) grouped in JS — one upsert per day × terminal × item × department instead of a trigger firing
   * per row (migration 5 dropped the two insert triggers; update/delete triggers remain).
   */
  insertTransactions(rows: NewTransaction[]): (StoredTransaction | null)[] {
    if (rows.length === 0) return []
    return this.transaction(() => {
      this.bulk ??= {
        transaction: this.db.prepare(
          'INSERT INTO transactions (key, payload_hash, terminal_id, session_id, item_code, department, ' +
            'catalog_version, created_at, day, received_at, result_json, reference) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING',
        ),
        daily: new BulkInsert(
          this.db,
          'INSERT INTO transaction_daily (day, terminal_id, item_code, department, n)',
          5,
          'ON CONFLICT DO UPDATE SET n = n + excluded.n',
        ),
        sessions: new BulkInsert(
          this.db,
          'INSERT INTO transaction_daily_session (day, item_code, department, session_id, n)',
          5,
          'ON CONFLICT DO UPDATE SET n = n + excluded.n',
        ),
      }
      const bulk = this.bulk
      const stored: NewTransaction[] = []
      // A key twice in `rows`, or stored meanwhile: only its first row is stored; later ones answer the stored row.
      const answer = rows.map((r) => {
        const { changes } = bulk.transaction.run(
          r.key,
          r.payloadHash,
          r.terminalId,
          r.sessionId,
          r.itemCode,
          r.department,
          r.catalogVersion,
          r.createdAt,
          r.day,
          r.receivedAt,
          r.resultJson,
          r.reference,
        )
        if (changes === 1) {
          stored.push(r)
          if (r.reference) this.referencesByDay.get(r.day)?.add(r.reference)
          return null
        }
        return this.getTransaction(r.key) ?? null
      })
      bulk.daily.run(rollupRows(stored, (r) => [r.day, r.terminalId, r.itemCode, r.department]))
      bulk.sessions.run(rollupRows(stored, (r) => [r.day, r.itemCode, r.department, r.sessionId]))
      return answer
    })
  }

  /**
   * True when a stored transaction already carries this reference number of `day` (a reference carries its day).
   * Answered from the day's references held in memory, read once per day: ingest asks for every record, and an
   * index lookup each cost ~8 µs, a third of the department stage of a batch.
   */
  referenceTaken(reference: string, day: string): boolean {
    let used = this.referencesByDay.get(day)
    if (!used) {
      used = new Set(this.q.referencesOfDay.pluck().all(day) as string[])
      this.referencesByDay.set(day, used)
      // Terminals send today's records, and after an outage those of a few days before.
      const oldest = this.referencesByDay.keys().next().value
      if (this.referencesByDay.size > REFERENCE_DAYS_KEPT && oldest !== undefined)
        this.referencesByDay.delete(oldest)
    }
    return used.has(reference)
  }
  /** Stored results with this reference number (unique since references are claimed at ingest; older rows may repeat). */
  transactionsByReference(reference: string): { key: string; resultJson: string }[] {
    return this.q.byReference.all(reference) as { key: string; resultJson: string }[]
  }
  countTransactions(): number {
    return (this.q.countTransactions.get() as { n: number }).n
  }

  /** Max-merges absolute counter values in one transaction; returns how many were applied. */
  mergeCounters(terminalId: string, counters: CounterValue[]): number {
    return this.transaction(() => {
      for (const c of counters) this.q.mergeCounter.run(terminalId, c.day, c.itemCode, c.metric, c.value)
      return counters.length
    })
  }
}
