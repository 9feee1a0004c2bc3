/**
 * The terminal's one IndexedDB database ('kiosk'): schema, versioned upgrades and a connection
 * that is reopened after the browser closes it. Everything that must survive a reload lives here.
 */

import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb'
import type { TerminalSettings } from '../../../mock-backend/src/contract'
import type { Metric } from '../../../mock-backend/src/contract/constants'
import type { HelpSettings } from '../../../mock-backend/src/contract/helpDeskRules'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { PinLockout } from '../maintenance/pinLockout'
import { toV6Entry } from './outboxV6'
import type { StoredCaseView, StoredRecordShell, StoredTransactionRecord } from './storedTypes'

/** Name of the database; one per origin. */
export const DB_NAME = 'kiosk'
/** Bump together with a new step in `upgradeKioskDb`. */
export const DB_VERSION = 9

/** A transaction waiting in the outbox, as the sync engine sees it; its key is the record's idempotency key. */
export interface OutboxEntry {
  key: string
  record: StoredTransactionRecord
  /**
   * 'inflight' while a request carrying it is open; a page that died mid-request leaves it inflight.
   * Stored apart from the entry since v7 (`outboxInflight`), so marking it never rewrites the entry.
   */
  state: 'pending' | 'inflight'
  attempts: number
  /** Epoch ms before which the record is not resent (set after a per-record 'retry'). */
  nextAttemptAt: number
  /** Epoch ms; the outbox is sent oldest first. */
  enqueuedAt: number
}

/**
 * An outbox entry as stored (v7): the resident's part of the record (subject and form values) is sealed with
 * AES-GCM under its generation's key, whose only copy is a Blob in `outboxKeys` (outboxPersonal.ts,
 * outboxKeys.ts): LevelDB's log keeps ciphertext only, useless once that key file is unlinked.
 */
export interface StoredOutboxEntry extends Omit<OutboxEntry, 'record' | 'state'> {
  record: StoredRecordShell
  /** The generation (`outboxKeys`) whose key sealed `sealed`. */
  generation: string
  /** A 12-byte AES-GCM IV, then the ciphertext of the record's `StoredPersonal` JSON. */
  sealed: ArrayBuffer
  /** The whole record's bytes in a batch body (batchBytes.ts), so a batch is sized without opening it. */
  wireBytes: number
}

/**
 * The key of one generation of outbox records (v7): the only Blob of the outbox, one file per generation.
 * Deleted in the transaction that removes the generation's last record (outboxKeys.ts).
 */
export interface GenerationKey {
  /** Time-ordered id (UUIDv7): the newest generation is the last row. */
  generation: string
  /** The raw AES-256-GCM key bytes. */
  key: Blob
  /** Epoch ms the generation was opened; it takes new records for GENERATION_MS. */
  openedAt: number
}

/**
 * An outbox record some request is carrying (v7): kept apart from the entry, so taking a batch writes these
 * few bytes instead of the whole entry again (v6 rewrote its personal Blob file too). Deleted when the record is settled; all of them are
 * cleared at start (`resetInflight`), which resends what a dead page left in flight (the backend replays).
 */
export interface InflightMark {
  key: string
  /** Epoch ms the record was taken. */
  takenAt: number
}

/** A usage counter for one Asia/Shanghai day; `acked` is the largest value the backend confirmed. */
export interface CounterEntry {
  day: string
  itemCode: string
  metric: Metric
  value: number
  acked: number
}

/**
 * A record the backend refused for good; kept for the maintenance screen and the heartbeat, never resent.
 * `record` is masked (deadLetterMask.ts): the reason and masked values only, no subject data.
 * `refused`: its batch was refused whole (400/413/422) and splitting showed this record is the cause.
 */
export interface DeadLetter {
  key: string
  record: StoredTransactionRecord
  /** `unreadable`: the record's personal part (a Blob file) was lost or damaged on the terminal. */
  reason: 'conflict' | 'rejected' | 'refused' | 'unreadable'
  code: number
  message: string
  /** ISO time it was moved here. */
  at: string
}

/** A published catalog version as downloaded. */
export interface StoredCatalog {
  version: number
  catalog: PublishedCatalog
  etag: string | null
  storedAt: string
}

/**
 * The last status this terminal learnt of one case (办件), shown when the backend cannot be reached.
 * Holds no name, no ID number and no fingerprint of either (v5 dropped the salted ID hashes of v3–v4).
 */
export interface KnownCase {
  /** The case's transaction key (case numbers may collide, keys do not). */
  transactionKey: string
  /** Upper-case 办件编号, indexed for the lookup by number. */
  caseNumber: string
  view: StoredCaseView
  /** ISO time the status was learnt (the backend's answer or the department's receipt). */
  recordedAt: string
}

/** A 好差评 given while the backend was out of reach; sent after the outbox, then deleted. */
export interface PendingRating {
  /** The rating's idempotency key: resending it is never a second rating. */
  key: string
  transactionKey: string
  caseNumber?: string
  level: 1 | 2 | 3 | 4 | 5
  /** The grant of a lookup by ID (rating another terminal's case); it expires, and then the rating is dropped. */
  grant?: string
  /** Epoch ms, sent oldest first. */
  createdAt: number
}

/**
 * A 帮办 call-back waiting for the network (v8): the resident's phone number is sealed under a generation key
 * of the outbox (`outboxKeys`), exactly like a record's personal part, so the key file leaves with the last
 * record or call-back of its generation (callbackStore.ts). Keyed by the call-back's idempotency key (UUIDv7).
 */
export interface StoredCallback {
  key: string
  itemCode: string | null
  /** ISO time the resident asked (sent as `requestedAt`). */
  requestedAt: string
  /** Epoch ms it was stored: the age purge reads it, as it reads an outbox record's. */
  enqueuedAt: number
  /** The generation (`outboxKeys`) whose key sealed `sealed`. */
  generation: string
  /** A 12-byte AES-GCM IV, then the ciphertext of `{ phone }` as JSON. */
  sealed: ArrayBuffer
}

/** The credentials this terminal got at enrolment. */
export interface TerminalIdentity {
  terminalId: string
  token: string
  name: string
}

/** Typed contents of the `meta` store, by key. */
export interface MetaValues {
  identity: TerminalIdentity
  activeCatalogVersion: number
  catalogEtag: string
  lastSyncAt: string
  /** What an admin set for this terminal (idle time, maintenance PIN hash), as last received; used offline. */
  terminalSettings: TerminalSettings
  /** The secret the page pairs with the terminal's device agent (issue 19), from the last settings answer. */
  agentPairingSecret: string
  /** The secret before the last key rotation, until the agent has moved to the new one (sent beside it). */
  agentPairingPrevious: string
  /** Wrong maintenance PINs and the lock they caused (maintenance/pinLockout.ts); kept across reloads. */
  pinLockout: PinLockout
  /** 帮办 when nobody answers: ring timeout and the centre's contact, as last received; used offline. */
  helpSettings: HelpSettings
  /** Set by the v4 upgrade while dead letters kept whole by an older release wait to be masked after the open. */
  deadLettersUnmasked: true
}
/** A key of the `meta` store. */
export type MetaKey = keyof MetaValues

/** The single definition of the database's stores, keys and indexes. */
export interface KioskDB extends DBSchema {
  catalog: { key: number; value: StoredCatalog }
  outbox: {
    key: string
    value: StoredOutboxEntry
    indexes: { byEnqueuedAt: number; byGeneration: string }
  }
  outboxInflight: { key: string; value: InflightMark }
  outboxKeys: { key: string; value: GenerationKey }
  counters: { key: [string, string, string]; value: CounterEntry }
  deadLetters: { key: string; value: DeadLetter }
  meta: { key: MetaKey; value: MetaValues[MetaKey] }
  knownCases: {
    key: string
    value: KnownCase
    indexes: { byCaseNumber: string; byRecordedAt: string }
  }
  pendingRatings: { key: string; value: PendingRating }
  callbacks: { key: string; value: StoredCallback; indexes: { byGeneration: string; byEnqueuedAt: number } }
}

/** The open database handle used by storage functions. */
export type KioskDatabase = IDBPDatabase<KioskDB>

type UpgradeTx = IDBPTransaction<KioskDB, StoreNames<KioskDB>[], 'versionchange'>

/**
 * Applies every upgrade step newer than `oldVersion` up to `newVersion`, in order.
 * (An `if` ladder rather than a fall-through `switch`: tsconfig forbids switch fall-through.)
 */
export function upgradeKioskDb(
  db: KioskDatabase,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTx,
): void {
  if (oldVersion < 1 && newVersion >= 1) {
    // v1 (first release): catalog versions, the outbox and terminal meta.
    db.createObjectStore('catalog', { keyPath: 'version' })
    db.createObjectStore('outbox', { keyPath: 'key' })
    db.createObjectStore('meta')
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // v2: outbox sent oldest first, usage counters, dead letters.
    tx.objectStore('outbox').createIndex('byEnqueuedAt', 'enqueuedAt')
    db.createObjectStore('counters', { keyPath: ['day', 'itemCode', 'metric'] })
    db.createObjectStore('deadLetters', { keyPath: 'key' })
  }
  if (oldVersion < 3 && newVersion >= 3) {
    // v3: last known case statuses (offline 办件进度查询) and ratings waiting for the network.
    const known = db.createObjectStore('knownCases', { keyPath: 'transactionKey' })
    known.createIndex('byCaseNumber', 'caseNumber')
    // (v5 drops this index again; it is no longer in KioskDB's types, so it is made through the plain store.)
    ;(known as unknown as IDBObjectStore).createIndex('bySubject', 'subjects', { multiEntry: true })
    known.createIndex('byRecordedAt', 'recordedAt')
    db.createObjectStore('pendingRatings', { keyPath: 'key' })
  }
  if (oldVersion < 4 && newVersion >= 4) {
    // v4: dead letters keep masked values only (and may be 'refused'). The ones kept whole before are masked
    // right after the open (deadLetterMaskUpgrade.ts), so the masking code is not in the entry every boot loads.
    if (oldVersion >= 2) void tx.objectStore('meta').put(true, 'deadLettersUnmasked')
  }
  if (oldVersion < 5 && newVersion >= 5) {
    // v5: lookup by ID moved to the backend; known cases keep no fingerprint of the person, and the salt goes.
    // The v3 index is no longer in the schema's types: drop it through the plain store, also when this same
    // upgrade just made it (a fresh database runs every step).
    const known = tx.objectStore('knownCases') as unknown as IDBObjectStore
    if (known.indexNames.contains('bySubject')) known.deleteIndex('bySubject')
    if (oldVersion >= 3) void dropSubjectHashes(tx)
    void tx.objectStore('meta').delete('caseSalt' as MetaKey)
  }
  if (oldVersion < 6 && newVersion >= 6 && oldVersion >= 1) {
    // v6: the resident's part of each waiting record moves out of LevelDB's pages into a Blob of its own.
    void movePersonalToBlobs(tx)
  }
  if (oldVersion < 7 && newVersion >= 7) {
    // v7: personal parts sealed under one key Blob per generation (outboxKeys.ts), inflight marks kept apart
    // (a batch taken no longer rewrites its entries). The entries move after the open (outboxV6.ts): sealing
    // is WebCrypto, which the upgrade transaction cannot wait for. An upgrade is a restart: what an older
    // page left inflight is pending again.
    db.createObjectStore('outboxInflight', { keyPath: 'key' })
    db.createObjectStore('outboxKeys', { keyPath: 'generation' })
    tx.objectStore('outbox').createIndex('byGeneration', 'generation')
  }
  if (oldVersion < 8 && newVersion >= 8) {
    // v8: 帮办 call-backs wait here (they lived in page memory, lost by a reload while offline), their numbers
    // sealed under the outbox's generation keys; `byGeneration` lets a key sweep see that a call-back uses it,
    // `byEnqueuedAt` the age purge find the old ones as it finds the outbox's.
    const callbacks = db.createObjectStore('callbacks', { keyPath: 'key' })
    callbacks.createIndex('byGeneration', 'generation')
    callbacks.createIndex('byEnqueuedAt', 'enqueuedAt')
  }
  // v9: a stored catalog may carry `overlayVersion`, its district's additions and withdrawals (#15). Nothing moves:
  // a catalog stored before has none, which is what it was (the province catalog), and the next heartbeat that
  // names a district overlay fetches the catalog again.
  // The same v9 lets an outbox record of a 缴费 carry its paid order's id (`orderId`, optional in the record's shell):
  // no store or index changes and nothing to move.
  // The same v9: an outbox record's sealed part may carry its 申请材料 (storedTypes.ts `StoredMaterial`), uploaded by
  // the sync before the record. No store changes: older entries have none.
  // And the catalog's words for identification and devices changed (电子证照 → 电子身份证, the one 扫描仪 → 高拍仪,
  // #17): the terminal reads neither old word, and the next catalog sync replaces the stored versions.
}

async function movePersonalToBlobs(tx: UpgradeTx): Promise<void> {
  for await (const cursor of tx.objectStore('outbox'))
    await cursor.update(toV6Entry(cursor.value as unknown as OutboxEntry) as unknown as StoredOutboxEntry)
}

/** The v3–v4 `knownCases` entry, with the salted ID hashes v5 removes. */
type KnownCaseV4 = KnownCase & { subjects?: string[] }

async function dropSubjectHashes(tx: UpgradeTx): Promise<void> {
  for await (const cursor of tx.objectStore('knownCases')) {
    const { subjects: _dropped, ...entry } = cursor.value as KnownCaseV4
    await cursor.update(entry)
  }
}

/**
 * Opens the database with any IDBFactory (tests pass a fresh fake-indexeddb one). At v7 and later, waiting
 * records still in the v6 form are sealed before the database is handed out (outboxV6.ts).
 */
export async function openKioskDb(
  factory: IDBFactory,
  options: { version?: number; onClose?: () => void; now?: () => number } = {},
): Promise<KioskDatabase> {
  const version = options.version ?? DB_VERSION
  const request = factory.open(DB_NAME, version)
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as KioskDatabase
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTx
    upgradeKioskDb(db, event.oldVersion, event.newVersion ?? version, tx)
  })
  const db = (await wrap(request)) as unknown as KioskDatabase
  const raw = db as unknown as IDBDatabase
  // 'close' fires when the browser terminates the connection (storage cleared, disk error …).
  raw.addEventListener('close', () => options.onClose?.())
  // A newer page (new app version) wants to upgrade: step aside instead of blocking it.
  raw.addEventListener('versionchange', () => {
    db.close()
    options.onClose?.()
  })
  if (version < 4) return db
  const left = await upgradeWorkLeft(db, version)
  if (left.v6Entries) await (await import('./outboxV6Seal')).sealV6Entries(db, (options.now ?? Date.now)())
  if (left.unmaskedDeadLetters) await (await import('./deadLetterMaskUpgrade')).maskStoredDeadLetters(db)
  return db
}

/**
 * What an upgrade left for after the open, read in one transaction: outbox entries still in the v6 form (two
 * counts: sealed entries carry a generation, v6 ones not), and dead letters an older release kept whole.
 */
async function upgradeWorkLeft(db: KioskDatabase, version: number) {
  const tx = db.transaction(['outbox', 'meta'], 'readonly')
  const outbox = tx.objectStore('outbox')
  // Sealing came with v7 (and its index): a database opened at an older version (tests) has none to count.
  const sealing = version >= 7
  const [all, sealed, unmasked] = await Promise.all([
    sealing ? outbox.count() : 0,
    sealing ? outbox.index('byGeneration').count() : 0,
    tx.objectStore('meta').get('deadLettersUnmasked'),
    tx.done,
  ])
  return { v6Entries: all !== sealed, unmaskedDeadLetters: unmasked === true }
}

/** A lazily opened connection that is never reused after the browser closed it. */
export interface DbConnection {
  /** The open database, reopening it when the previous connection was lost. */
  get(): Promise<KioskDatabase>
  /** Closes the current connection (tests, page shutdown). */
  close(): void
}

/** Creates the reopen-on-loss connection around `openKioskDb`. */
export function createDbConnection(factory: IDBFactory): DbConnection {
  let current: Promise<KioskDatabase> | null = null
  return {
    get() {
      if (!current) {
        const opening = openKioskDb(factory, {
          onClose: () => {
            if (current === opening) current = null
          },
        })
        current = opening
        opening.catch(() => {
          if (current === opening) current = null
        })
      }
      return current
    },
    close() {
      const open = current
      current = null
      void open?.then((db) => db.close()).catch(() => undefined)
    },
  }
}

/** Reads one typed meta value. */
export async function getMeta<K extends MetaKey>(
  db: KioskDatabase,
  key: K,
): Promise<MetaValues[K] | undefined> {
  return (await db.get('meta', key)) as MetaValues[K] | undefined
}

/** Writes one typed meta value and resolves once it is committed. */
export async function setMeta<K extends MetaKey>(
  db: KioskDatabase,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.put('meta', value, key)
}
