/**
 * The serial ID-card reader driver against the paced simulator on a real pty pair (socat): card placed and read
 * with only the requested fields, a corrupt checksum retried once, a reader that falls silent reported lost and
 * found again, and a card lost in the middle of the read reply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AgentError } from '../../kiosk/agent/drivers/types'
import { DEMO_CARD, RARE_NAME_CARD } from '../../kiosk/agent/simulators/demoCards'
import { wireTimeMs } from '../../kiosk/agent/transport/byteLine'
import { openReaderRig, type ReaderRig } from '../fixtures/node/agent/readerRig'

/** The error code a read rejects with. */
async function readError(rig: ReaderRig): Promise<string> {
  try {
    await rig.driver.read(['name'])
    return 'read'
  } catch (error) {
    return error instanceof AgentError ? `${error.code}: ${error.message}` : String(error)
  }
}

describe('SAM reader driver on a pty', () => {
  let rig: ReaderRig
  beforeEach(async () => {
    rig = await openReaderRig()
  })
  afterEach(async () => {
    await rig.close()
  })

  it('reports a placed card and reads only the fields asked for, at no less than the wire time', async () => {
    expect(rig.driver.state()).toBe('ready')
    rig.simulator.placeCard(DEMO_CARD)
    await rig.waitFor('idCard.placed')
    expect(rig.driver.state()).toBe('cardPresent')
    const started = performance.now()
    const fields = await rig.driver.read(['name', 'idNumber'])
    const elapsed = performance.now() - started
    expect(fields).toEqual({ name: DEMO_CARD.name, idNumber: DEMO_CARD.idNumber })
    // find (15) + select (19) + read (1295) reply bytes are paced at 115200 baud: the read cannot beat the wire.
    expect(elapsed).toBeGreaterThanOrEqual(wireTimeMs(15 + 19 + 1295) - 1)
    rig.simulator.removeCard()
    await rig.waitFor('idCard.removed')
    expect(rig.driver.state()).toBe('ready')
    await expect(readError(rig)).resolves.toBe('noCard: no card on the reader')
  })

  it('reads a rare BMP name and decodes sex and nation', async () => {
    rig.simulator.placeCard(RARE_NAME_CARD)
    await rig.waitFor('idCard.placed')
    await expect(rig.driver.read(['name', 'sex', 'nation'])).resolves.toEqual({
      name: '刘䶮',
      sex: '男',
      nation: '壮',
    })
  })

  it('asks again after one corrupt checksum, and fails the read after two', async () => {
    rig.simulator.placeCard(DEMO_CARD)
    await rig.waitFor('idCard.placed')
    rig.simulator.corruptChecksums(1)
    await expect(rig.driver.read(['name'])).resolves.toEqual({ name: DEMO_CARD.name })
    rig.simulator.corruptChecksums(2)
    await expect(readError(rig)).resolves.toBe('cardReadFailed: reader findCard: reader line: checksum')
  })

  it('reports the reader lost when it stays silent, and found when it answers again', async () => {
    rig.simulator.setSilent(true)
    await rig.waitFor('device.lost', 6000)
    expect(rig.driver.state()).toBe('lost')
    await expect(readError(rig)).resolves.toBe('deviceUnavailable: the ID card reader does not answer')
    rig.simulator.setSilent(false)
    await rig.waitFor('device.found')
    expect(rig.driver.state()).toBe('ready')
  })

  it('fails the read and reports the card removed when it leaves mid-reply', async () => {
    rig.simulator.placeCard(DEMO_CARD)
    await rig.waitFor('idCard.placed')
    rig.simulator.loseCardOnNextRead()
    await expect(readError(rig)).resolves.toBe('cardReadFailed: reader did not answer readBase')
    await rig.waitFor('idCard.removed')
    // The half frame was dropped: the next card reads cleanly.
    rig.simulator.placeCard(DEMO_CARD)
    await rig.waitFor('idCard.placed')
    await expect(rig.driver.read(['idNumber'])).resolves.toEqual({ idNumber: DEMO_CARD.idNumber })
  })
})
