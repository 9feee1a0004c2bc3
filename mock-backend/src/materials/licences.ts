/**
 * A simulated 电子证照 store keyed by ID number: what a resident holds as an electronic licence, and which catalog
 * materials each kind supplies. Rules (粤办函〔2020〕11号) say what exists as an 电子证照 must not be asked for
 * again, so the kiosk asks here first. Answers are masked; the ID number arrives in a POST body only.
 */
import { DEMO_ID_CARD } from '../../../kiosk/src/devices/simulated'
import type { HeldLicence } from '../contract/materials'
import { maskIdNumber } from '../departments/common'

/** One licence a resident holds. */
export interface Licence {
  /** The kind, e.g. 居民户口簿. */
  kind: string
  number: string
  issuer: string
}

/** Each licence kind and the catalog materials (`name.zh`) it supplies. */
export const LICENCE_SUPPLIES: Readonly<Record<string, readonly string[]>> = {
  居民户口簿: ['居民户口簿', '家庭成员户口簿'],
  结婚证: ['婚姻状况证明'],
  中华人民共和国残疾人证: ['中华人民共和国残疾人证'],
  出生医学证明: ['出生医学证明'],
}

/** The demo resident (the simulated ID card's 李明) holds a household register and a marriage certificate. */
export const DEMO_LICENCES: ReadonlyMap<string, readonly Licence[]> = new Map([
  [
    DEMO_ID_CARD.idNumber,
    [
      { kind: '居民户口簿', number: '441602000123456', issuer: '河源市公安局源城分局' },
      { kind: '结婚证', number: 'J441602-2008-004321', issuer: '河源市源城区民政局' },
    ],
  ],
])

/** The licences of a store: which of `materials` the resident with `idNumber` holds, masked. */
export class SimulatedLicences {
  constructor(private readonly holdings: ReadonlyMap<string, readonly Licence[]> = DEMO_LICENCES) {}

  held(idNumber: string, materials: readonly string[]): HeldLicence[] {
    const licences = this.holdings.get(idNumber.toUpperCase()) ?? []
    const held: HeldLicence[] = []
    for (const material of materials) {
      const licence = licences.find((l) => LICENCE_SUPPLIES[l.kind]?.includes(material))
      if (licence)
        held.push({
          material,
          licence: licence.kind,
          maskedNumber: maskIdNumber(licence.number),
          issuer: licence.issuer,
        })
    }
    return held
  }
}
