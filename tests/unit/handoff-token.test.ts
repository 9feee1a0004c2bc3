import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadConfig, publicBaseUrlFromEnv } from '../../mock-backend/src/config'
import { CaseLinks } from '../../mock-backend/src/handoff/caseLinks'
import { signCaseToken, TOKEN_MAC_BYTES, verifyCaseToken } from '../../mock-backend/src/handoff/caseToken'
import { Fingerprints } from '../../mock-backend/src/privacy/fingerprints'

const keyed = (master = randomBytes(32)) => {
  const f = new Fingerprints(master)
  return (text: string) => f.handoff(text)
}

describe('case token', () => {
  const mac = keyed()

  it('names its reference and nothing else, in base64url', () => {
    const token = signCaseToken(mac, 'SB2026112700042')
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    const bytes = Buffer.from(token, 'base64url')
    expect(bytes).toHaveLength(1 + 'SB2026112700042'.length + TOKEN_MAC_BYTES)
    expect(bytes.subarray(1, 16).toString()).toBe('SB2026112700042')
    expect(verifyCaseToken(mac, token)).toBe('SB2026112700042')
  })

  it('refuses every altered byte, another key, a truncated or padded token, and junk', () => {
    const token = signCaseToken(mac, 'YY2026112700007')
    const bytes = Buffer.from(token, 'base64url')
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes)
      altered[i] = (altered[i] ?? 0) ^ 0x01
      expect(verifyCaseToken(mac, altered.toString('base64url')), `byte ${i}`).toBeNull()
    }
    // The reference swapped for another case's, with the original MAC: refused.
    const swapped = Buffer.concat([bytes.subarray(0, 1), Buffer.from('YY2026112700008'), bytes.subarray(16)])
    expect(verifyCaseToken(mac, swapped.toString('base64url'))).toBeNull()
    expect(verifyCaseToken(keyed(), token)).toBeNull()
    expect(verifyCaseToken(mac, token.slice(0, -1))).toBeNull()
    expect(verifyCaseToken(mac, `${token}A`)).toBeNull()
    expect(verifyCaseToken(mac, `${token}=`)).toBeNull()
    expect(verifyCaseToken(mac, '')).toBeNull()
    expect(verifyCaseToken(mac, 'not a token at all, with spaces')).toBeNull()
  })

  it('uses a purpose key of its own: the same master gives the same tokens, other purposes differ', () => {
    const master = randomBytes(32)
    const f = new Fingerprints(master)
    expect(signCaseToken(keyed(master), 'SB2026112700042')).toBe(
      signCaseToken(keyed(master), 'SB2026112700042'),
    )
    expect(f.handoff('x').toString('base64url')).not.toBe(f.grant('x'))
    expect(f.handoff('x').toString('base64url')).not.toBe(f.agentPairing('x', 'key-hash'))
  })
})

describe('case links', () => {
  it('put the token in the fragment of PUBLIC_BASE_URL/m/ and attach it to the kinds a resident follows', () => {
    const links = new CaseLinks(keyed(), 'https://kiosk.example.gov.cn/zw')
    const link = links.link('SB2026112700042')
    expect(link).toMatch(/^https:\/\/kiosk\.example\.gov\.cn\/zw\/m\/#t=[A-Za-z0-9_-]+$/)
    expect(links.reference(new URL(link).hash.slice(3))).toBe('SB2026112700042')
    expect(links.attach({ reference: 'SB2026112700042', kind: '申办' }).caseLink).toBe(link)
    expect(links.attach({ reference: 'CX2026112700001', kind: '查询' }).caseLink).toBeUndefined()
    const doc = links.attach({
      reference: 'DY2026112700003',
      kind: '打印',
      document: { title: 't', lines: [], url: '/api/documents/x' },
    })
    expect(doc.document?.url).toBe(doc.caseLink)
  })

  it('wait for the listen address when the port is not known yet, and never change a configured base', () => {
    const unknown = new CaseLinks(keyed(), undefined)
    expect(() => unknown.link('SB2026112700042')).toThrow('not known yet')
    unknown.listening('http://127.0.0.1:40123')
    expect(unknown.link('SB2026112700042')).toMatch(/^http:\/\/127\.0\.0\.1:40123\/m\/#t=/)
    const fixed = new CaseLinks(keyed(), 'https://a.example')
    fixed.listening('http://127.0.0.1:1')
    expect(fixed.link('SB2026112700042')).toMatch(/^https:\/\/a\.example\/m\/#t=/)
  })
})

describe('PUBLIC_BASE_URL', () => {
  it('is checked at start with a one-line message naming it', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://kiosk.example.gov.cn/' }).publicBaseUrl).toBe(
      'https://kiosk.example.gov.cn',
    )
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'kiosk.example.gov.cn' })).toThrow(
      'PUBLIC_BASE_URL: "kiosk.example.gov.cn" is not an absolute URL',
    )
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://kiosk.example.gov.cn' })).toThrow(
      'PUBLIC_BASE_URL: "ftp://kiosk.example.gov.cn" must start with http:// or https://',
    )
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://a.example/?x=1' })).toThrow('must not carry a query')
  })

  it('defaults to the listen address, and waits for the port when it is 0', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080')
    expect(publicBaseUrlFromEnv({}, '::1', 9000)).toBe('http://[::1]:9000')
    expect(publicBaseUrlFromEnv({}, '0.0.0.0', 9000)).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:9000$/)
    expect(loadConfig({ PORT: '0' }).publicBaseUrl).toBeUndefined()
  })
})
