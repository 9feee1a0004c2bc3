/**
 * Pairing, both ends: the backend derives each terminal's secret (stable, different per terminal and per key), and
 * the agent's store takes the first secret while unpaired, then only that one or a replacement set on the terminal,
 * keeping only a hash in a 0600 file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPairing } from '../../kiosk/agent/pairing'
import { Fingerprints } from '../../mock-backend/src/privacy/fingerprints'

describe('pairing secret', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('is derived per terminal, per terminal key and per server key', () => {
    const server = new Fingerprints(Buffer.alloc(32, 1))
    const other = new Fingerprints(Buffer.alloc(32, 2))
    const key = 'a'.repeat(64)
    const rotatedKey = 'b'.repeat(64)
    expect(server.agentPairing('T-0001', key)).toBe(server.agentPairing('T-0001', key))
    expect(server.agentPairing('T-0001', key)).not.toBe(server.agentPairing('T-0002', key))
    expect(server.agentPairing('T-0001', key)).not.toBe(server.agentPairing('T-0001', rotatedKey))
    expect(server.agentPairing('T-0001', key)).not.toBe(other.agentPairing('T-0001', key))
    expect(server.agentPairing('T-0001', key)).toMatch(/^[\w-]{43}$/)
  })

  it('moves to a rotated secret only when the page also proves the stored one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-pairing-'))
    dirs.push(dir)
    const pairing = openPairing(join(dir, 'state'))
    expect(pairing.accept('old-secret-0001')).toBe(true)
    // A stranger's guess as `previous` moves nothing, and `previous` alone never pairs.
    expect(pairing.accept('their-secret-0009', 'guessed-secret-0008')).toBe(false)
    expect(pairing.accept('old-secret-0001')).toBe(true)
    expect(pairing.accept('new-secret-0002', 'old-secret-0001')).toBe(true)
    expect(pairing.accept('old-secret-0001')).toBe(false)
    expect(pairing.accept('new-secret-0002')).toBe(true)
    // The old secret is spent: presenting it again as `previous` moves nothing.
    expect(pairing.accept('third-secret-0003', 'old-secret-0001')).toBe(false)
  })

  it('is taken once by an unpaired agent, then only it or a replacement from --pair', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-pairing-'))
    dirs.push(dir)
    const pairing = openPairing(join(dir, 'state'))
    expect(pairing.paired()).toBe(false)
    expect(pairing.accept('first-secret-0001')).toBe(true)
    expect(pairing.accept('second-secret-0002')).toBe(false)
    // A restart reads the same file.
    expect(openPairing(join(dir, 'state')).accept('first-secret-0001')).toBe(true)
    pairing.set('replaced-secret-0003')
    expect(pairing.accept('first-secret-0001')).toBe(false)
    expect(pairing.accept('replaced-secret-0003')).toBe(true)
    const file = join(dir, 'state', 'pairing.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain('replaced-secret-0003')
  })
})
