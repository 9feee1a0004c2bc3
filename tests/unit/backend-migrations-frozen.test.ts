/**
 * Shipped migrations never change: databases in the field already ran them, so an edit would leave those
 * databases and new ones with different schemas. Each shipped migration's SQL is pinned by its SHA-256; a new
 * migration appended to MIGRATIONS needs only a new pinned entry here.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, type Migration } from '../../mock-backend/src/db/sqlite/migrations'

/** SHA-256 of each shipped migration's SQL, by version. */
const SHIPPED: Readonly<Record<number, string>> = {
  1: '2c77256b45b9768e16811c00fd8f28e678dfa2ae49ddb2dd4fe9394f3d90ca0e',
  2: 'af90608ca656048a3bb700c9c3d7a3e593decdda45807e8798df19784f2fd5b0',
  3: '635a809336004bac42739ef61d1dcfe0959e996be3079f368f51ee6fbcca4aa1',
  4: 'd7c78715678f305ae11589cbc158a98f32b4ff09064a2a76fc6a257a501ba0fd',
  5: 'ce1aa6daec6ad0a8bdfa055febbc8dc0a42a883dd645caa2cb3b9ea45212d7bc',
  6: '54e9715550b7ef1261fd9ece0557dc480a068ca3cf9028c5afc44b9d0c393e32',
  7: '406473f1355fb5ce81f182e2d45d01fd1aa5fe5c65418e830944fe51e87f787c',
  8: 'f69f62e219222ca7710c2d7daa0e87c89d8fd8d5519bf8c497a3ec50950f9018',
  9: 'ec7a65bf3b10338e16b374be355cc2406272443e234f25fd9a7f6b43dde633e6',
  11: '3a7cd280662ddc396edc489c01ddef99b9e983a3e13f0f443c480e15c018276a',
  12: '31b37e436ab26b79c822c1733dca060246c9bc9979f15d6c52d31eb70cf30c75',
  13: 'b7d2f27e440381b29ab42101f4ee56fefee93913e92e4cc21290eedc6a04cb80',
  15: '1c39b0d5be9854f125b6ed11b4663fbcb74b65991c5837dd9e51c2515554379a',
  16: '4c008eeb61b9e4645feaf64cca13335147c562c09df19bac37cbab43a360a8bb',
  17: '653cb29f57805a3a74726099f5aac1c92c05af604953ac1ce1f4a522a8d41b9c',
  18: '96425fa2e3628cfb42f758dd864bd42cb16652367dd3aae5cd36000664db8852',
  19: '2a66f9e585c1f38c32febfdac7ed983d56b84abd307e97fa2be334852b74fb16',
  20: '9741f09f9e0bce9b163e54cd9d25ebb42cdc89a558a435508de76a38bf6816c1',
  21: '1a28e868390110648a9f967d3f4d2ab0ef9c53d0ee16fb2ace055bb7956676be',
  22: '16ec72215de0ee51d3797a9ac1ba02a164f217a5674a1948ab66ed5ab8a20c37',
  23: '75354444621f59f2a80d44161dc2696b127e4dff44241b1a82cbb98006ce59dd',
  24: 'b8f618fdaea5f19db579000b88e2834a2c781f13b1841aef62046cccefd69140',
  25: 'a722dc41d3bb3f2178b4a7c5fb1edf3a92417f8ca9341a160cbad6fb944bfd97',
  26: '4b34cb7266edf5fe1a351dc1eef710d88b5ed27e2b462a382cd6d916a709c4e0',
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

  // Parallel branches take numbers assigned ahead (the runner skips versions <= user_version), so a gap may
  // stand until they merge; the order must still only grow, so a migration can only be appended.
  it('versions start at 1 and only grow, so appending is the only way to add one', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  it('names the migration that was edited, and one appended without a pin', () => {
    const edited = MIGRATIONS.map((m) => (m.version === 4 ? { ...m, sql: `${m.sql} ` } : m))
    expect(driftOf(edited)).toEqual(['migration 4 was edited after it shipped'])
    const last = MIGRATIONS.at(-1)?.version ?? 0
    const appended = [...MIGRATIONS, { version: last + 1, sql: 'SELECT 1;' }]
    expect(driftOf(appended)).toEqual([`migration ${last + 1} has no pinned SHA-256`])
    expect(driftOf(MIGRATIONS.slice(0, -1))).toEqual([`migration ${last} shipped but is gone`])
  })
})
