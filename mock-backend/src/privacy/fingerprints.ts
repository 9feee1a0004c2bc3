/**
 * Keyed fingerprints and sealed results: every hash of a record or a person, and every stored department
 * answer (it carries the resident's masked rows), depends on a key kept outside the database
 * (fingerprintKey.ts). A copy of the database alone then gives nothing to test candidate ID numbers against.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** Bytes of the master key: 256 bits. */
export const FINGERPRINT_KEY_BYTES = 32
/** Marks a sealed value (AES-256-GCM): `v1.` + base64url(iv ‖ ciphertext ‖ tag). */
const SEALED = 'v1.'
const IV_BYTES = 12
const TAG_BYTES = 16
/** What the check value in `settings` is the keyed hash of: tells a wrong key from the right one at start. */
const CHECK_TEXT = 'yuezhizhu-kiosk fingerprint key check v1'

const derive = (master: Buffer, purpose: string) =>
  Buffer.from(
    hkdfSync('sha256', master, Buffer.alloc(0), `yuezhizhu-kiosk ${purpose}`, FINGERPRINT_KEY_BYTES),
  )

/** The keyed operations of one server; one subkey per purpose, so no two purposes share a key. */
export class Fingerprints {
  private readonly payloadKey: Buffer
  private readonly subjectKey: Buffer
  private readonly sealKey: Buffer
  private readonly checkKey: Buffer
  private readonly grantKey: Buffer
  private readonly pairingKey: Buffer
  private readonly handoffKey: Buffer
  private readonly paymentHandoffKey: Buffer
  private readonly materialSealKey: Buffer
  private readonly materialHashKey: Buffer
  private readonly householdKey: Buffer

  constructor(master: Buffer) {
    if (master.length < FINGERPRINT_KEY_BYTES)
      throw new Error(`fingerprint key: ${master.length} bytes, at least ${FINGERPRINT_KEY_BYTES} needed`)
    this.payloadKey = derive(master, 'payload')
    this.subjectKey = derive(master, 'subject')
    this.sealKey = derive(master, 'result seal')
    this.checkKey = derive(master, 'check')
    this.grantKey = derive(master, 'rating grant')
    this.pairingKey = derive(master, 'agent pairing')
    this.handoffKey = derive(master, 'case handoff')
    this.paymentHandoffKey = derive(master, 'payment handoff')
    this.materialSealKey = derive(master, 'material seal')
    this.materialHashKey = derive(master, 'material content')
    this.householdKey = derive(master, 'household member')
  }

  /** The stored payload hash: keyed over the record's canonical SHA-256 (canonical.ts), so replays compare. */
  payload(canonicalSha256: string): string {
    return createHmac('sha256', this.payloadKey).update(canonicalSha256).digest('hex')
  }

  /** The stored subject hash: keyed over the database's own inner hash of the ID number (cases/service.ts). */
  subject(innerHash: string): string {
    return createHmac('sha256', this.subjectKey).update(innerHash).digest('base64url')
  }

  /** The signature of a rating grant (cases/ratingGrants.ts): only this server can issue one. */
  grant(text: string): string {
    return createHmac('sha256', this.grantKey).update(text).digest('base64url')
  }

  /**
   * A terminal's device-agent pairing secret (kiosk/agent/PROTOCOL.md): derived, so nothing new is stored, and
   * only this server can name it; it reaches the terminal in its settings (enrolment and heartbeat answers). It is
   * derived from the terminal's key too (`keyHash`, the stored hash of the key in use), so rotating the key rotates
   * the secret: a copied old secret stops pairing once the terminal has moved its agent to the new one.
   */
  agentPairing(terminalId: string, keyHash: string): string {
    return createHmac('sha256', this.pairingKey).update(`${terminalId}\n${keyHash}`).digest('base64url')
  }

  /**
   * A household member's opaque handle (identity/household.ts): the kiosk names a member by it, never by the ID
   * number, and only this server can turn it back into the member (of the same holder).
   */
  householdMember(holderId: string, memberId: string): string {
    return createHmac('sha256', this.householdKey)
      .update(`${holderId}\n${memberId}`)
      .digest('base64url')
      .slice(0, 22)
  }

  /** The MAC of a case token (handoff/caseToken.ts): only this server can link a phone to a case. */
  handoff(text: string): Buffer {
    return createHmac('sha256', this.handoffKey).update(text).digest()
  }

  /**
   * A terminal's key for signing 缴费 hand-off links offline (contract/paymentHandoff.ts): derived from its id, so
   * nothing new is stored; it reaches the terminal in its settings, and only this server and that terminal can sign.
   */
  paymentHandoff(terminalId: string): string {
    return createHmac('sha256', this.paymentHandoffKey).update(terminalId).digest('base64url')
  }

  /** A material's keyed content hash (materials/): equal bytes compare, and nobody without the key can test a guess. */
  materialHash(bytes: Uint8Array): string {
    return createHmac('sha256', this.materialHashKey).update(bytes).digest('hex')
  }

  /** Seals a material's bytes (AES-256-GCM, fresh IV): iv ‖ ciphertext ‖ tag, so no copy of the store shows the image. */
  sealBytes(bytes: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.materialSealKey, iv)
    const body = Buffer.concat([cipher.update(bytes), cipher.final()])
    return Buffer.concat([iv, body, cipher.getAuthTag()])
  }

  /** Opens what `sealBytes` wrote; throws on tampered bytes or another key's. */
  openBytes(sealed: Uint8Array): Buffer {
    const bytes = Buffer.from(sealed)
    const decipher = createDecipheriv('aes-256-gcm', this.materialSealKey, bytes.subarray(0, IV_BYTES))
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ])
  }

  /** The value `settings.fingerprint_check` holds for this key. */
  check(): string {
    return createHmac('sha256', this.checkKey).update(CHECK_TEXT).digest('base64url')
  }

  /** Encrypts a stored text (a department answer) with a fresh IV. */
  seal(text: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return SEALED + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
  }

  /** Decrypts what `seal` wrote; throws on a tampered value or another key's. */
  open(sealed: string): string {
    if (!isSealed(sealed)) throw new Error('stored result is not sealed')
    const bytes = Buffer.from(sealed.slice(SEALED.length), 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, IV_BYTES))
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8')
  }
}

/** Whether a stored text is sealed (older installs stored department answers in the clear). */
export function isSealed(text: string): boolean {
  return text.startsWith(SEALED)
}

/** Decodes a key given as base64url text (the file's content or FINGERPRINT_KEY); names the source on error. */
export function decodeFingerprintKey(text: string, source: string): Buffer {
  const trimmed = text.trim()
  const key = Buffer.from(trimmed, 'base64url')
  if (!/^[A-Za-z0-9_-]+$/.test(trimmed) || key.length < FINGERPRINT_KEY_BYTES)
    throw new Error(`${source}: not a key of at least ${FINGERPRINT_KEY_BYTES} bytes in base64url`)
  return key
}
