/**
 * The mock backend playing the 粤省事 issuer for demos and tests: a fixed P-256 key pair, published here on
 * purpose (it proves nothing outside a demo), and the demo resident it issues codes for, 李明 of the demo card.
 * A deployment that sets EID_PUBLIC_KEY to the real issuer's key no longer accepts these codes, and the demo
 * route then issues none.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

const DEMO_ISSUER_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'TPxDL40PkwZUtwWtWHOtWhlXkdt9nMaDO-f08xHYSzE',
  y: 't5FQC8F_4Q4W7kwvZBWZgSQ3jRKNLTHbufu9vBukYI0',
  d: 'bTY6oK_ZI-SRNa75-XYwOtVP2t3iVQk_Bj0zYvHiPpw',
} as const

/** The demo issuer's signing key. */
export const demoIssuerPrivateKey = (): KeyObject => createPrivateKey({ key: DEMO_ISSUER_JWK, format: 'jwk' })

/** The demo issuer's public key: EID_PUBLIC_KEY's default. */
export const demoIssuerPublicKey = (): KeyObject => createPublicKey(demoIssuerPrivateKey())

/** Whether a configured issuer key is the demo issuer's (then the demo route may issue codes). */
export const isDemoIssuer = (key: KeyObject): boolean => key.equals(demoIssuerPublicKey())

/** 李明, the demo card's holder (kiosk/src/devices/simulated.ts DEMO_ID_CARD; a unit test holds them equal). */
export const DEMO_RESIDENT = { idNumber: '441602198001011233', name: '李明' } as const
