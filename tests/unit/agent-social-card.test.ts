/**
 * The 社保卡 reader: its serial frame (round trip, a wrong BCC, a wrong LEN, noise), the card's records decoded
 * through the code tables, and the driver against the simulated reader on a real pty pair: the card number without
 * a PIN, the holder's data only after the card verified the PIN, wrong PINs counted down to a block, no card, a
 * silent reader, and a PIN that never reaches the agent's log.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_SOCIAL_CARD } from '../../kiosk/agent/simulators/demoCards'
import { createSocialCardSimulator } from '../../kiosk/agent/simulators/socialCardSimulator'
import { readRecord, verifyPin } from '../../kiosk/agent/socialcard/apdu'
import { encodeFrame, encodeRequest, parseFrame } from '../../kiosk/agent/socialcard/frame'
import { createSocialCardReader, SOCIAL_CARD_BAUD } from '../../kiosk/agent/socialcard/socialCardReader'
import { decodeRecord, encodeRecord, RecordError, SSSE_NAME } from '../../kiosk/agent/socialcard/ssse'
import { outcomeOf, ptyRig } from '../fixtures/node/agent/ptyRig'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('社保卡 reader frame and card bytes', () => {
  it('frames a request as STX LEN body BCC ETX and parses it back', () => {
    const frame = encodeRequest('apdu', readRecord(0x07, 5))
    expect(hex(frame)).toBe('0200063200b2072c00' + 'ad' + '03')
    expect(parseFrame(frame)).toEqual({ kind: 'frame', body: frame.slice(3, -2), consumed: frame.length })
  })

  it('names a wrong BCC, a wrong LEN, a missing ETX and noise before STX', () => {
    const frame = encodeFrame(Uint8Array.of(0x00, 0x90, 0x00))
    const badBcc = frame.slice()
    badBcc[badBcc.length - 2] = (badBcc[badBcc.length - 2] ?? 0) ^ 0xff
    expect(parseFrame(badBcc)).toMatchObject({ kind: 'bad', problem: 'checksum' })
    expect(parseFrame(Uint8Array.of(0x02, 0x7f, 0xff))).toMatchObject({ kind: 'bad', problem: 'length' })
    const noEtx = frame.slice()
    noEtx[noEtx.length - 1] = 0x00
    expect(parseFrame(noEtx)).toMatchObject({ kind: 'bad', problem: 'length', consumed: 1 })
    expect(parseFrame(Uint8Array.of(0xff, 0xfe, ...frame))).toEqual({ kind: 'noise', consumed: 2 })
    expect(parseFrame(frame.subarray(0, 4))).toEqual({ kind: 'need' })
  })

  it('selects SSSE by its GBK name and packs the PIN as BCD', () => {
    expect(hex(SSSE_NAME)).toBe('7378312e73682ec9e7bbe1b1a3d5cf')
    expect(hex(verifyPin('123456'))).toBe('0020000003123456')
    expect(() => verifyPin('12345')).toThrow('6 digits')
  })

  it('decodes records through the code tables and refuses a malformed one by field', () => {
    expect(decodeRecord('name', encodeRecord('name', '李明'))).toBe('李明')
    expect(decodeRecord('sex', encodeRecord('sex', '2'))).toBe('女')
    expect(decodeRecord('nation', encodeRecord('nation', '08'))).toBe('壮')
    expect(decodeRecord('birthDate', encodeRecord('birthDate', '19580312'))).toBe('19580312')
    expect(() => decodeRecord('idNumber', encodeRecord('idNumber', '44160219580312123'))).toThrow(RecordError)
    expect(() => decodeRecord('cardNumber', Uint8Array.of(0x08, 0x01, 0x41))).toThrow(
      '社保卡 record for cardNumber is malformed',
    )
  })
})

describe('社保卡 reader driver on a pty', () => {
  const rig = ptyRig(SOCIAL_CARD_BAUD, createSocialCardSimulator, createSocialCardReader)
  const failure = outcomeOf

  it('reads the card number without a PIN and the holder only after the PIN', async () => {
    await expect(failure(rig.driver.read(['cardNumber']))).resolves.toBe(
      'noCard: no card in the 社保卡 reader',
    )
    rig.simulator.insert(DEMO_SOCIAL_CARD)
    await expect(rig.driver.read(['cardNumber'])).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
    })
    await expect(failure(rig.driver.read(['cardNumber', 'name']))).resolves.toBe(
      'pinRequired: the holder’s data needs the 社保卡 PIN',
    )
    await expect(
      rig.driver.read(['cardNumber', 'idNumber', 'name', 'sex', 'nation', 'birthDate'], DEMO_SOCIAL_CARD.pin),
    ).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
      idNumber: DEMO_SOCIAL_CARD.idNumber,
      name: DEMO_SOCIAL_CARD.name,
      sex: DEMO_SOCIAL_CARD.sex,
      nation: DEMO_SOCIAL_CARD.nation,
      birthDate: DEMO_SOCIAL_CARD.birthDate,
    })
    expect(rig.driver.state()).toBe('ready')
  })

  it('counts wrong PINs down, a right one restores the count, and the third wrong in a row blocks the card', async () => {
    rig.simulator.insert(DEMO_SOCIAL_CARD)
    await expect(failure(rig.driver.read(['name'], '000000'))).resolves.toBe(
      'pinWrong: wrong 社保卡 PIN: 2 tries left',
    )
    await expect(rig.driver.read(['name'], DEMO_SOCIAL_CARD.pin)).resolves.toEqual({
      name: DEMO_SOCIAL_CARD.name,
    })
    await expect(failure(rig.driver.read(['name'], '000000'))).resolves.toBe(
      'pinWrong: wrong 社保卡 PIN: 2 tries left',
    )
    await expect(failure(rig.driver.read(['name'], '111111'))).resolves.toBe(
      'pinWrong: wrong 社保卡 PIN: 1 tries left',
    )
    const blocked = 'pinBlocked: the 社保卡 PIN is blocked: the holder must see the 社保 office'
    await expect(failure(rig.driver.read(['name'], '222222'))).resolves.toBe(blocked)
    // Blocked means blocked: the right PIN no longer opens the holder's data, the card number still reads.
    await expect(failure(rig.driver.read(['name'], DEMO_SOCIAL_CARD.pin))).resolves.toBe(blocked)
    await expect(rig.driver.read(['cardNumber'])).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
    })
  })

  it('reports a silent reader as unavailable and lost, and found once it answers again', async () => {
    rig.simulator.insert(DEMO_SOCIAL_CARD)
    rig.simulator.setSilent(true)
    await expect(failure(rig.driver.read(['cardNumber']))).resolves.toBe(
      'deviceUnavailable: the 社保卡 reader does not answer',
    )
    expect(rig.driver.state()).toBe('lost')
    rig.simulator.setSilent(false)
    await expect(rig.driver.read(['cardNumber'])).resolves.toEqual({
      cardNumber: DEMO_SOCIAL_CARD.cardNumber,
    })
    expect(rig.driver.state()).toBe('ready')
  })
})
