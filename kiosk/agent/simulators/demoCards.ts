/**
 * The cards the simulated reader can hold: the kiosk's demo resident (same ID number and name as the in-page
 * simulation, so a demo looks the same either way) and a card with a rare BMP character in the name.
 */
import { DEMO_ID_CARD } from '../../src/devices/simulated'
import { DEMO_SOCIAL_CARD as DEMO_SOCIAL_CARD_IN_PAGE } from '../../src/devices/simulatedIdentity'
import type { CardText } from '../idcard/textBlock'
import type { SimulatedSocialCard } from './socialCardSimulator'

/** 李明, the demo resident. */
export const DEMO_CARD: CardText = Object.freeze({
  name: DEMO_ID_CARD.name,
  sex: '男',
  nation: '汉',
  birthDate: DEMO_ID_CARD.idNumber.slice(6, 14),
  address: '广东省河源市源城区上城街道文明路1号',
  idNumber: DEMO_ID_CARD.idNumber,
  authority: '河源市公安局源城分局',
  validFrom: '20200301',
  validTo: '20400301',
})

/** A card whose name has 䶮 (U+4DAE, CJK Extension A): in the BMP, so UCS-2 carries it. */
export const RARE_NAME_CARD: CardText = Object.freeze({
  ...DEMO_CARD,
  name: '刘䶮',
  nation: '壮',
})

/** The demo cards by the name a test or the agent's simulate controls use. */
export const DEMO_CARDS = { demo: DEMO_CARD, rareName: RARE_NAME_CARD } as const
/** A demo card's name. */
export type DemoCardName = keyof typeof DEMO_CARDS

/** 李明's 社保卡 (same holder as the demo ID card), PIN 123456, for the simulated 社保卡 reader. */
export const DEMO_SOCIAL_CARD: SimulatedSocialCard = Object.freeze({
  cardNumber: DEMO_SOCIAL_CARD_IN_PAGE.cardNumber,
  idNumber: DEMO_CARD.idNumber,
  name: DEMO_CARD.name,
  sex: DEMO_CARD.sex,
  nation: DEMO_CARD.nation,
  birthDate: DEMO_CARD.birthDate,
  pin: DEMO_SOCIAL_CARD_IN_PAGE.pin,
})
