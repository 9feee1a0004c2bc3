/**
 * Staff password hashing with node:crypto scrypt. Each hash carries its own cost parameters
 * (`scrypt$N=131072,r=8,p=1$salt$key`, base64url parts), so the cost can rise without breaking old hashes: a hash
 * below today's cost still verifies and is rewritten at the next login. Today's cost follows the OWASP password
 * storage guidance for scrypt (N=2^17, r=8, p=1: 128 MiB and about half a second per hash).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt's cost parameters. */
export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** The cost of every new hash (OWASP: N=2^17, r=8, p=1). */
export const CURRENT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 }
/** The parameters of the legacy `scrypt$N$salt$key` format, which stored only N. */
const LEGACY_R = 8
const LEGACY_P = 1
const KEY_LENGTH = 32
const SALT_LENGTH = 16
/**
 * The most memory one hash may take. scrypt needs 128·N·r bytes; Node refuses more than `maxmem` (32 MiB by
 * default, too little for N=2^17), so it is raised to twice today's need. A stored hash asking for more is refused,
 * so a tampered row cannot make a login allocate gigabytes.
 */
const MAX_MEMORY = 2 * 128 * CURRENT_PARAMS.N * CURRENT_PARAMS.r
/** The weakest N a stored hash may have (the legacy format's 16384); a lower one is refused as tampered. */
const MIN_N = 2 ** 14
/** p above this is refused: it multiplies the time without any legitimate hash using it. */
const MAX_P = 16

/** A stored hash, read back. */
interface ParsedHash {
  params: ScryptParams
  salt: Buffer
  key: Buffer
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

const wholeNumber = (raw: string | undefined): number =>
  raw && /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN

/** Parameters within what this server would ever write, or null (tampered or corrupt). */
function saneParams(params: ScryptParams): ScryptParams | null {
  const { N, r, p } = params
  const powerOfTwo = Number.isInteger(N) && N >= MIN_N && (N & (N - 1)) === 0
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || p > MAX_P) return null
  return 128 * N * r <= MAX_MEMORY ? params : null
}

/** Reads either format; null for anything else, including parameters outside the sane range. */
function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$')
  if (parts.length !== 4 || parts[0] !== 'scrypt') return null
  const [, cost = '', salt = '', key = ''] = parts
  let params: ScryptParams
  if (/^\d+$/.test(cost)) {
    params = { N: wholeNumber(cost), r: LEGACY_R, p: LEGACY_P }
  } else {
    const m = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(cost)
    if (!m) return null
    params = { N: wholeNumber(m[1]), r: wholeNumber(m[2]), p: wholeNumber(m[3]) }
  }
  const sane = saneParams(params)
  if (!sane || !/^[A-Za-z0-9_-]+$/.test(salt) || !/^[A-Za-z0-9_-]+$/.test(key)) return null
  const parsed = { params: sane, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
  return parsed.salt.length >= SALT_LENGTH && parsed.key.length === KEY_LENGTH ? parsed : null
}

/** Hashes a password as `scrypt$N=…,r=…,p=…$salt$key` at today's cost. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await derive(password, salt, CURRENT_PARAMS)
  const { N, r, p } = CURRENT_PARAMS
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/**
 * True when the password matches the stored hash (constant-time compare). A hash that cannot be read — unknown
 * format, or parameters outside the sane range — never matches and costs nothing.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const actual = await derive(password, parsed.salt, parsed.params)
  return timingSafeEqual(actual, parsed.key)
}

/** True when the stored hash is readable by this server (a false one is logged: the row was altered). */
export function isReadableHash(stored: string): boolean {
  return parseHash(stored) !== null
}

/** True when a (verified) hash was made at a lower cost than today's, so login should rewrite it. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const { N, r, p } = parsed.params
  return N < CURRENT_PARAMS.N || r < CURRENT_PARAMS.r || p < CURRENT_PARAMS.p || !stored.includes('N=')
}

/**
 * Verified when the user name is unknown, so that answer costs as much as a wrong password for a real user: today's
 * parameters, an all-zero salt and key (no password derives an all-zero key).
 */
export const DUMMY_HASH = `scrypt$N=${CURRENT_PARAMS.N},r=${CURRENT_PARAMS.r},p=${CURRENT_PARAMS.p}$${Buffer.alloc(SALT_LENGTH).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`

/** A password for first start when none is configured: 16 readable characters. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url')
}
