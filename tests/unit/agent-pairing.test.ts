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

  it('is derived per terminal and per server key', () => {
    const server = new Fingerprints(Buffer.alloc(32, 1))
    const other = new Fingerprints(Buffer.alloc(32, 2))
    expect(server.agentPairing('T-0001')).toBe(server.agentPairing('T-0001'))
    expect(server.agentPairing('T-0001')).not.toBe(server.agentPairing('T-0002'))
    expect(server.agentPairing('T-0001')).not.toBe(other.agentPairing('T-0001'))
    expect(server.agentPairing('T-0001')).toMatch(/^[\w-]{43}$/)
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
