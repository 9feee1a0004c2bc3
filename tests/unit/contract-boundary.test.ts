/**
 * The boundary of issue 13: the kiosk, the consoles and the CLI import from mock-backend only through
 * mock-backend/src/contract/, and the contract imports nothing from backend internals. Enforced by Biome's
 * noRestrictedImports (biome.json overrides); this test proves the rule bites on a real file.
 */
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const biome = resolve(root, 'node_modules/.bin/biome')

/** Lints one temporary file with the project's biome.json and removes it again. */
function lintTemporary(relativePath: string, source: string): { ok: boolean; output: string } {
  const file = resolve(root, relativePath)
  writeFileSync(file, source)
  try {
    const run = spawnSync(biome, ['lint', '--max-diagnostics=50', relativePath], {
      cwd: root,
      encoding: 'utf8',
    })
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
  } finally {
    rmSync(file, { force: true })
  }
}

const RULE = 'lint/style/noRestrictedImports'

describe('contract boundary (biome noRestrictedImports)', () => {
  it('fails on a kiosk file importing a backend module other than the contract', () => {
    const { ok, output } = lintTemporary(
      'kiosk/src/sync/zzBoundaryProbe.ts',
      "import type { CaseRow } from '../../../mock-backend/src/db/caseRows'\n\nexport type Probe = CaseRow\n",
    )
    expect(ok).toBe(false)
    expect(output).toContain(RULE)
    expect(output).toContain("'../../../mock-backend/src/db/caseRows'")
  })

  it('fails on a console file importing backend internals', () => {
    const { ok, output } = lintTemporary(
      'kiosk/src/ops/zzBoundaryProbe.ts',
      "import type { FleetRow } from '../../../mock-backend/src/reports/fleet'\n\nexport type Probe = FleetRow\n",
    )
    expect(ok).toBe(false)
    expect(output).toContain(RULE)
  })

  it('fails on a CLI file importing backend internals', () => {
    const { ok, output } = lintTemporary(
      'services-catalog/src/zzBoundaryProbe.ts',
      "import type { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'\n\nexport type Probe = SqliteStorage\n",
    )
    expect(ok).toBe(false)
    expect(output).toContain(RULE)
  })

  it('fails on the contract importing a backend module', () => {
    const { ok, output } = lintTemporary(
      'mock-backend/src/contract/zzBoundaryProbe.ts',
      "import type { AppDeps } from '../deps'\n\nexport type Probe = AppDeps\n",
    )
    expect(ok).toBe(false)
    expect(output).toContain(RULE)
  })

  it('passes imports through the contract (its index and its modules)', () => {
    const { ok, output } = lintTemporary(
      'kiosk/src/sync/zzBoundaryProbe.ts',
      [
        "import type { CaseView } from '../../../mock-backend/src/contract'",
        "import { API_VERSION } from '../../../mock-backend/src/contract/constants'",
        '',
        'export const probe: [CaseView | null, number] = [null, API_VERSION]',
        '',
      ].join('\n'),
    )
    expect(output).not.toContain(RULE)
    expect(ok).toBe(true)
  })
})
