/**
 * Shipped migrations never change: databases in the field already ran them, so an edit would leave those
 * databases and new ones with different schemas. Each shipped migration's SQL is pinned by its SHA-256; a new
 * migration appended to MIGRATIONS needs only a new pinned entry here.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, type Migration } from '../../mock-backend/src/db/migrations'

/** SHA-256 of each shipped migration's SQL, by version. */
const SHIPPED: Readonly<Record<number, string>> = {
  1: '2c77256b45b9768e16811c00fd8f28e678dfa2ae49ddb2dd4fe9394f3d90ca0e',
  2: 'af90608ca656048a3bb700c9c3d7a3e593decdda45807e8798df19784f2fd5b0',
  3: '635a809336004bac42739ef61d1dcfe0959e996be3079f368f51ee6fbcca4aa1',
  4: 'd7c78715678f305ae11589cbc158a98f32b4ff09064a2a76fc6a257a501ba0fd',
  5: 'ce1aa6daec6ad0a8bdfa055febbc8dc0a42a883dd645caa2cb3b9ea45212d7bc',
  6: '54e9715550b7ef1261fd9ece0557dc480a068ca3cf9028c5afc44b9d0c393e32',
  7: '406473f1355fb5ce81f182e2d45d01fd1aa5fe5c65418e830944fe51e87f787c',
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** Versions whose SQL no longer matches its pin, or that are pinned but missing or unpinned. */
function driftOf(migrations: readonly Migration[]): string[] {
  const problems: string[] = []
  const present = new Set(migrations.map((m) => m.version))
  for (const m of migrations) {
    const pinned = SHIPPED[m.version]
    if (pinned === undefined) problems.push(`migration ${m.version} has no pinned SHA-256`)
    else if (sha256(m.sql) !== pinned) problems.push(`migration ${m.version} was edited after it shipped`)
  }
  for (const v of Object.keys(SHIPPED).map(Number))
    if (!present.has(v)) problems.push(`migration ${v} shipped but is gone`)
  return problems
}

describe('shipped migrations are frozen', () => {
  it('every migration matches its pinned SHA-256', () => {
    expect(driftOf(MIGRATIONS)).toEqual([])
  })

  it('versions run 1, 2, 3, … with no gap, so appending is the only way to add one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('names the migration that was edited, and one appended without a pin', () => {
    const edited = MIGRATIONS.map((m) => (m.version === 4 ? { ...m, sql: `${m.sql} ` } : m))
    expect(driftOf(edited)).toEqual(['migration 4 was edited after it shipped'])
    const appended = [...MIGRATIONS, { version: MIGRATIONS.length + 1, sql: 'SELECT 1;' }]
    expect(driftOf(appended)).toEqual([`migration ${MIGRATIONS.length + 1} has no pinned SHA-256`])
    expect(driftOf(MIGRATIONS.slice(0, -1))).toEqual([`migration ${MIGRATIONS.length} shipped but is gone`])
  })
})
