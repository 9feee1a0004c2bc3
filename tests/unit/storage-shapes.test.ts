/**
 * The terminal's IndexedDB schema cannot change by accident. `STORED` describes, as zod schemas, every value
 * the kiosk keeps in each object store; the type-level checks below hold it equal to the kiosk's own types
 * (db.ts, storedTypes.ts), so neither can drift from the other. The description (plus each store's key path
 * and indexes, read from a real upgrade) is compared with a checked-in snapshot taken at one `DB_VERSION`:
 * changing a stored shape without bumping `DB_VERSION` fails here.
 *
 * After a deliberate change: bump `DB_VERSION` (with an upgrade step if stored data must move), then refresh
 * the snapshot with `UPDATE_STORAGE_SHAPES=1 npx vitest run tests/unit/storage-shapes.test.ts`. The refresh
 * refuses to record a changed shape under the old version.
 */
import 'fake-indexeddb/auto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  type CounterEntry,
  DB_VERSION,
  type DeadLetter,
  type GenerationKey,
  type InflightMark,
  type KnownCase,
  type MetaValues,
  openKioskDb,
  type PendingRating,
  type StoredCallback,
  type StoredCatalog,
  type StoredOutboxEntry,
} from '../../kiosk/src/storage/db'
import type { StoredCaseView, StoredTransactionRecord } from '../../kiosk/src/storage/storedTypes'
import { type CaseView, TerminalSettings, type TransactionRecord } from '../../mock-backend/src/contract'
import { METRICS } from '../../mock-backend/src/contract/constants'
import { HelpSettingsSchema } from '../../mock-backend/src/contract/helpDesk'
import { PublishedCatalog } from '../../services-catalog/src/schema'

const SNAPSHOT = resolve(import.meta.dirname, 'storage-shapes.snapshot.json')

const Subject = z.object({ idNumber: z.string(), name: z.string().optional(), phone: z.string().optional() })
const Record_ = z.object({
  key: z.string(),
  sessionId: z.string(),
  itemCode: z.string(),
  catalogVersion: z.number(),
  createdAt: z.string(),
  subject: Subject.optional(),
  fields: z.record(z.string(), z.string()),
  // v9: a 缴费's paid order.
  orderId: z.string().optional(),
  // v9: the 申请材料 that go before the record (sealed with its personal part; never in a dead letter).
  materials: z
    .array(
      z.union([
        z.object({ material: z.string(), data: z.string() }),
        z.object({ material: z.string(), licence: z.string() }),
      ]),
    )
    .optional(),
  // v9: 为谁办理 (shell), the relationship and the agent (sealed with the subject).
  servedFor: z.enum(['本人', '家人', '他人']).optional(),
  relationship: z.enum(['配偶', '子女', '父母', '其他亲属', '其他']).optional(),
  agent: Subject.optional(),
  member: z.string().optional(),
})
const CaseStatus = z.enum(['已受理', '办理中', '办结', '不予受理'])
const Texts = z.object({ zh: z.string(), en: z.string() })
const CaseView_ = z.object({
  transactionKey: z.string(),
  caseNumber: z.string(),
  itemCode: z.string(),
  itemName: Texts,
  kind: z.string(),
  departmentName: Texts,
  acceptedAt: z.string(),
  limit: z.object({ days: z.number(), unit: z.string(), immediate: z.boolean() }),
  dueDay: z.string(),
  calendarCovered: z.boolean(),
  status: CaseStatus,
  history: z.array(z.object({ status: CaseStatus, at: z.string() })),
  finishedAt: z.string().nullable(),
  overdue: z.boolean(),
  rated: z.boolean(),
  supplement: z
    .object({
      material: z.string(),
      materialName: z.object({ zh: z.string(), en: z.string() }),
      reason: z.object({ zh: z.string(), en: z.string() }),
      askedAt: z.string(),
      answeredAt: z.string().nullable(),
    })
    .optional(),
})

/** Every value kept in the database, by object store (and by key for `meta`). */
const STORED = {
  catalog: z.object({
    version: z.number(),
    catalog: PublishedCatalog,
    etag: z.string().nullable(),
    storedAt: z.string(),
  }),
  outbox: z.object({
    key: z.string(),
    // v7: the record without its personal part (subject, fields), which is sealed under its generation's key.
    record: Record_.omit({
      subject: true,
      fields: true,
      materials: true,
      agent: true,
      relationship: true,
      member: true,
    }),
    generation: z.string(),
    sealed: z.instanceof(ArrayBuffer).meta({
      description:
        'ArrayBuffer: AES-GCM IV (12 bytes), then the sealed JSON of the subject, fields and materials',
    }),
    wireBytes: z.number(),
    // v7: whether it is in flight is kept apart, in `outboxInflight`.
    attempts: z.number(),
    nextAttemptAt: z.number(),
    enqueuedAt: z.number(),
  }),
  outboxInflight: z.object({ key: z.string(), takenAt: z.number() }),
  outboxKeys: z.object({
    generation: z.string(),
    key: z.instanceof(Blob).meta({ description: 'Blob: the raw AES-256-GCM key of the generation' }),
    openedAt: z.number(),
  }),
  counters: z.object({
    day: z.string(),
    itemCode: z.string(),
    metric: z.enum(METRICS),
    value: z.number(),
    acked: z.number(),
  }),
  deadLetters: z.object({
    key: z.string(),
    record: Record_,
    reason: z.enum(['conflict', 'rejected', 'refused', 'unreadable']),
    code: z.number(),
    message: z.string(),
    at: z.string(),
  }),
  meta: z.object({
    identity: z.object({ terminalId: z.string(), token: z.string(), name: z.string() }),
    activeCatalogVersion: z.number(),
    catalogEtag: z.string(),
    lastSyncAt: z.string(),
    terminalSettings: TerminalSettings,
    agentPairingSecret: z.string(),
    agentPairingPrevious: z.string(),
    pinLockout: z.object({ failures: z.number(), lockedUntil: z.number() }),
    helpSettings: HelpSettingsSchema,
    deadLettersUnmasked: z.literal(true),
  }),
  knownCases: z.object({
    transactionKey: z.string(),
    caseNumber: z.string(),
    view: CaseView_,
    recordedAt: z.string(),
  }),
  pendingRatings: z.object({
    key: z.string(),
    transactionKey: z.string(),
    caseNumber: z.string().optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    grant: z.string().optional(),
    createdAt: z.number(),
  }),
  // v8: 帮办 call-backs waiting for the network, the number sealed under an outbox generation's key.
  callbacks: z.object({
    key: z.string(),
    itemCode: z.string().nullable(),
    requestedAt: z.string(),
    enqueuedAt: z.number(),
    generation: z.string(),
    sealed: z.instanceof(ArrayBuffer).meta({
      description: 'ArrayBuffer: AES-GCM IV (12 bytes), then the sealed JSON of the phone number',
    }),
  }),
}

// Type-level: the description and the kiosk's types are the same types (checked by `tsc`).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Same<A, B> = Equal<A, B> extends true ? true : { differs: [A, B] }
type Stored<K extends keyof typeof STORED> = z.infer<(typeof STORED)[K]>
const typeChecks: [
  Same<Stored<'catalog'>, StoredCatalog>,
  Same<Stored<'outbox'>, StoredOutboxEntry>,
  Same<Stored<'outboxInflight'>, InflightMark>,
  Same<Stored<'outboxKeys'>, GenerationKey>,
  Same<Stored<'counters'>, CounterEntry>,
  Same<Stored<'deadLetters'>, DeadLetter>,
  Same<Stored<'meta'>, MetaValues>,
  Same<Stored<'knownCases'>, KnownCase>,
  Same<Stored<'pendingRatings'>, PendingRating>,
  Same<Stored<'callbacks'>, StoredCallback>,
  Same<z.infer<typeof Record_>, StoredTransactionRecord>,
  Same<z.infer<typeof CaseView_>, StoredCaseView>,
  // The wire types the terminal stores as they arrive: a contract change must come through here too.
  // (Less the materials, which the sync uploads before the record and never sends in it.)
  Same<Omit<StoredTransactionRecord, 'materials'>, TransactionRecord>,
  Same<StoredCaseView, CaseView>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true]

/** Key paths and indexes of every object store after a full upgrade. */
async function storeLayout() {
  const db = await openKioskDb(new IDBFactory())
  const raw = db as unknown as IDBDatabase
  const tx = raw.transaction([...raw.objectStoreNames], 'readonly')
  const layout = Object.fromEntries(
    [...raw.objectStoreNames].sort().map((name) => {
      const store = tx.objectStore(name)
      const indexes = Object.fromEntries(
        [...store.indexNames].sort().map((i) => {
          const index = store.index(i)
          return [i, { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry }]
        }),
      )
      return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes }]
    }),
  )
  db.close()
  return layout
}

/** What the snapshot records: the database version, its stores and every stored value's JSON Schema. */
async function currentShapes() {
  const values = Object.fromEntries(
    Object.entries(STORED).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
    ]),
  )
  return { dbVersion: DB_VERSION, stores: await storeLayout(), values }
}

type Shape = { stores: unknown; values: Record<string, unknown> }
type MetaSchema = { properties: Record<string, unknown>; required: string[] }

/**
 * The shape with `meta` narrowed to the keys `base` knows. `meta` is a key → value store: a new key moves no
 * stored data and an older database simply lacks it (getMeta answers undefined), so adding one needs no
 * DB_VERSION bump; changing or dropping an existing key still does.
 */
function withBaseMetaKeys(shape: Shape, base: Shape): Shape {
  const meta = shape.values.meta as MetaSchema
  const known = Object.keys((base.values.meta as MetaSchema).properties)
  if (!known.every((key) => key in meta.properties)) return shape
  const keep = (key: string) => known.includes(key)
  const properties = Object.fromEntries(Object.entries(meta.properties).filter(([key]) => keep(key)))
  return {
    ...shape,
    values: { ...shape.values, meta: { ...meta, properties, required: meta.required.filter(keep) } },
  }
}

describe('IndexedDB stored shapes', () => {
  it('treats a new meta key as compatible, and a changed or dropped one as a change', () => {
    const meta = (properties: Record<string, unknown>): Shape => ({
      stores: {},
      values: { meta: { type: 'object', properties, required: Object.keys(properties) } },
    })
    const saved = meta({ a: { type: 'string' } })
    const same = (current: Shape) =>
      JSON.stringify(withBaseMetaKeys(current, saved)) === JSON.stringify(saved)
    expect(same(meta({ a: { type: 'string' }, b: { type: 'number' } }))).toBe(true)
    expect(same(meta({ a: { type: 'number' }, b: { type: 'number' } }))).toBe(false)
    expect(same(meta({ b: { type: 'string' } }))).toBe(false)
  })

  it('match the snapshot taken at this DB_VERSION (a shape change needs a version bump)', async () => {
    const current = await currentShapes()
    const saved = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : null
    const { dbVersion: _current, ...currentShape } = current
    const savedShape = saved ? { stores: saved.stores, values: saved.values } : null
    const changed =
      JSON.stringify(savedShape) !==
      JSON.stringify(savedShape ? withBaseMetaKeys(currentShape, savedShape) : currentShape)
    if (process.env.UPDATE_STORAGE_SHAPES) {
      if (saved && changed && saved.dbVersion >= DB_VERSION)
        throw new Error(
          `stored shapes changed but DB_VERSION is still ${DB_VERSION}: bump it (kiosk/src/storage/db.ts) first`,
        )
      writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`)
    }
    expect(saved, `no snapshot: run with UPDATE_STORAGE_SHAPES=1 to take one`).not.toBeNull()
    if (changed && saved.dbVersion === DB_VERSION)
      expect.fail(
        `IndexedDB stored shapes changed without a DB_VERSION bump (still ${DB_VERSION}). Bump DB_VERSION in ` +
          'kiosk/src/storage/db.ts (with an upgrade step if stored data must move), then refresh the snapshot.',
      )
    expect(saved.dbVersion, 'DB_VERSION changed: refresh the snapshot (UPDATE_STORAGE_SHAPES=1)').toBe(
      DB_VERSION,
    )
    // Meta keys added since the snapshot are recorded by a refresh (UPDATE_STORAGE_SHAPES=1) at the same version.
    expect(currentShape).toEqual(savedShape)
  })

  it('are the kiosk types (the type-level checks above compiled)', () => {
    expect(typeChecks).toHaveLength(14)
  })

  it('describe every object store the upgrade creates', async () => {
    expect(Object.keys(await storeLayout())).toEqual(Object.keys(STORED).sort())
  })
})
