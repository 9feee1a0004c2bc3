/**
 * The 银行卡读卡器: the card's bytes (the UnionPay AID, the PAN record's TLV, a malformed record named) and the
 * driver against the simulated reader on a real pty pair: no card within the wait answers null, a card inserted
 * while the read waits is read, a card pulled out mid-read is cardRemoved, a silent reader is lost, and the
 * hand-back powers the card off and says when the resident took it.
 */
import { describe, expect, it } from 'vitest'
import { createBankCardReader } from '../../kiosk/agent/bankcard/bankCardReader'
import { EmvError, encodePanRecord, panOf, UNIONPAY_DEBIT_AID } from '../../kiosk/agent/bankcard/emv'
import { createBankCardSimulator } from '../../kiosk/agent/simulators/bankCardSimulator'
import { readRecord, selectByName } from '../../kiosk/agent/socialcard/apdu'
import { encodeRequest } from '../../kiosk/agent/socialcard/frame'
import { SOCIAL_CARD_BAUD } from '../../kiosk/agent/socialcard/socialCardReader'
import { DEMO_BANK_CARD } from '../../kiosk/src/devices/simulatedBankCard'
import { outcomeOf, ptyRig } from '../fixtures/node/agent/ptyRig'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('bank card bytes', () => {
  it('selects the UnionPay debit application and reads SFI 1 record 1 inside the reader frame', () => {
    expect(hex(selectByName(UNIONPAY_DEBIT_AID))).toBe('00a4040008a000000333010101')
    expect(hex(encodeRequest('apdu', readRecord(1, 1)))).toBe('0200063200b2010c00' + '8b' + '03')
    expect(hex(encodeRequest('cardStatus'))).toBe('020001343503')
  })

  it('holds the card number as BCD in tag 5A of template 70, padded with F when odd, and reads it back', () => {
    expect(hex(encodePanRecord('6222021234567890123'))).toBe('700c5a0a6222021234567890123f')
    expect(panOf(encodePanRecord('6222021234567890123'))).toBe('6222021234567890123')
    expect(panOf(encodePanRecord('6212345678901234'))).toBe('6212345678901234')
  })

  it('names a record without a card number, a truncated one and a number of the wrong length', () => {
    expect(() => panOf(Uint8Array.of(0x70, 0x03, 0x57, 0x01, 0x00))).toThrow('no card number (tag 5A)')
    expect(() => panOf(Uint8Array.of(0x70, 0x09, 0x5a, 0x01))).toThrow(EmvError)
    expect(() => panOf(Uint8Array.of(0x70, 0x04, 0x5a, 0x02, 0x12, 0x34))).toThrow('not 16 to 19 digits')
    expect(() => panOf(Uint8Array.of(0x6f, 0x00))).toThrow('no 70 template')
  })
})

describe('bank card reader driver on a pty', () => {
  const rig = ptyRig(SOCIAL_CARD_BAUD, createBankCardSimulator, createBankCardReader)

  it('answers null when no card came within the wait, and reads one inserted while it waits', async () => {
    const started = performance.now()
    await expect(rig.driver.read(500)).resolves.toBeNull()
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
    const reading = rig.driver.read(2000)
    setTimeout(() => rig.simulator.insert(DEMO_BANK_CARD.cardNumber), 300)
    await expect(reading).resolves.toBe(DEMO_BANK_CARD.cardNumber)
    expect(rig.driver.state()).toBe('cardPresent')
  })

  it('says cardRemoved when the card leaves mid-read, and reads it once it is back', async () => {
    rig.simulator.insert(DEMO_BANK_CARD.cardNumber)
    rig.simulator.pullOnNextApdu()
    await expect(outcomeOf(rig.driver.read(1000))).resolves.toBe(
      'cardRemoved: the bank card left the reader before it was read',
    )
    rig.simulator.insert(DEMO_BANK_CARD.cardNumber)
    await expect(rig.driver.read(1000)).resolves.toBe(DEMO_BANK_CARD.cardNumber)
  })

  it('hands the card back: false while it is still in, true once the resident took it', async () => {
    rig.simulator.insert(DEMO_BANK_CARD.cardNumber)
    await rig.driver.read(1000)
    await expect(rig.driver.handBack(400)).resolves.toBe(false)
    expect(rig.driver.state()).toBe('cardPresent')
    const taking = rig.driver.handBack(2000)
    setTimeout(() => rig.simulator.remove(), 300)
    await expect(taking).resolves.toBe(true)
    expect(rig.driver.state()).toBe('ready')
  })

  it('reports a silent reader as unavailable and lost, and ready once it answers again', async () => {
    rig.simulator.setSilent(true)
    await expect(outcomeOf(rig.driver.read(500))).resolves.toBe(
      'deviceUnavailable: the bank card reader does not answer',
    )
    expect(rig.driver.state()).toBe('lost')
    rig.simulator.setSilent(false)
    await expect(rig.driver.read(300)).resolves.toBeNull()
    expect(rig.driver.state()).toBe('ready')
  })
})
