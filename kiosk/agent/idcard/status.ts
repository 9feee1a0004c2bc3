/**
 * The reader's SW3 status byte (SW1 and SW2 are normally 00): what each value means, as the SAM protocol defines
 * them (/work/shared/reference/resident-services.md §7).
 */

/** SW3 values the driver acts on by name. */
export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  checksumError: 0x10,
  lengthError: 0x11,
  badCommand: 0x21,
  notPermitted: 0x23,
  unknownError: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  infoCheckError: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  selfTestFailed: 0x60,
  unauthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const
/** The name of an SW3 value. */
export type Sw3Name = keyof typeof SW3

/** The name of a status byte, or `unknown(0xNN)` for one the protocol does not list. */
export function sw3Name(value: number): string {
  const name = (Object.keys(SW3) as Sw3Name[]).find((key) => SW3[key] === value)
  return name ?? `unknown(0x${value.toString(16).padStart(2, '0')})`
}
