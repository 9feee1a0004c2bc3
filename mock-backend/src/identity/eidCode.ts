/**
 * The 电子身份证 code as a compact JWS (ES256, P-256 with SHA-256, the signature as r‖s): the issuer signs the
 * resident's ID number and name with a token id, an issue time and an expiry; the backend checks the signature
 * with the configured issuer key, then the times. node:crypto only, no JOSE library.
 */
import { createPublicKey, type KeyObject, randomUUID, sign, verify } from 'node:crypto'
import { EID_CODE_MAX_LENGTH, EID_CODE_MAX_TTL_S, EID_CODE_TTL_S } from '../contract/eid'

/** The claims a code carries. */
export interface EidClaims {
  /** Token id: a code identifies once. */
  jti: string
  /** The resident's ID number (公民身份号码). */
  sub: string
  name: string
  /** Issue and expiry times, seconds since the epoch. */
  iat: number
  exp: number
}

/** What checking a code found. */
export type EidCheck =
  | { ok: true; claims: EidClaims }
  | { ok: false; reason: 'forged' | 'expired'; detail: string }

const HEADER = { alg: 'ES256', typ: 'JWT' } as const
const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url')

/** Signs a code for a resident; `now` in ms, `ttlSeconds` the code's life (a test may issue one already expired). */
export function issueEidCode(
  privateKey: KeyObject,
  resident: { idNumber: string; name: string },
  now: number,
  ttlSeconds: number = EID_CODE_TTL_S,
): string {
  const iat = Math.floor(now / 1000)
  const claims: EidClaims = {
    jti: randomUUID(),
    sub: resident.idNumber,
    name: resident.name,
    iat,
    exp: iat + ttlSeconds,
  }
  const input = `${b64url(JSON.stringify(HEADER))}.${b64url(JSON.stringify(claims))}`
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' })
  return `${input}.${b64url(signature)}`
}

const isClaims = (v: unknown): v is EidClaims => {
  if (typeof v !== 'object' || v === null) return false
  const c = v as Record<string, unknown>
  return (
    typeof c.jti === 'string' &&
    /^[0-9a-f-]{36}$/.test(c.jti) &&
    typeof c.sub === 'string' &&
    /^\d{17}[\dX]$/.test(c.sub) &&
    typeof c.name === 'string' &&
    c.name.length > 0 &&
    c.name.length <= 30 &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp)
  )
}

const forged = (detail: string): EidCheck => ({ ok: false, reason: 'forged', detail })

/** Checks a code's form, signature (with the issuer's public key) and times at `now` (ms). */
export function checkEidCode(code: string, issuerKey: KeyObject, now: number): EidCheck {
  if (code.length > EID_CODE_MAX_LENGTH) return forged('too long')
  const parts = code.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return forged('not a compact JWS')
  const [header, payload, signature] = parts as [string, string, string]
  let head: unknown
  let claims: unknown
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return forged('not JSON')
  }
  // Only ES256: a code naming another algorithm (none, HS256 with the public key as secret) is refused outright.
  if ((head as { alg?: unknown } | null)?.alg !== 'ES256') return forged('algorithm is not ES256')
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: issuerKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  )
  if (!signed) return forged('signature does not verify')
  if (!isClaims(claims)) return forged('claims malformed')
  if (claims.exp - claims.iat > EID_CODE_MAX_TTL_S || claims.exp <= claims.iat)
    return forged('lifetime out of range')
  const seconds = Math.floor(now / 1000)
  // A small allowance for the issuer's clock being ahead of this one.
  if (claims.iat > seconds + 30) return forged('issued in the future')
  if (claims.exp <= seconds) return { ok: false, reason: 'expired', detail: 'expired' }
  return { ok: true, claims }
}

/**
 * Reads an issuer public key: PEM (SPKI), or its DER as base64 on one line (an environment variable). Throws
 * naming what is wrong; the key must be an EC P-256 key.
 */
export function readIssuerKey(text: string, name: string): KeyObject {
  let key: KeyObject
  try {
    key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
  } catch {
    throw new Error(`${name}: not a public key (PEM, or SPKI DER in base64)`)
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error(`${name}: must be an EC P-256 key (ES256)`)
  return key
}
