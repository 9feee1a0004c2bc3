/**
 * The simulated 银行卡读卡器 of the demo terminal: the demo card is read a moment after the step asks; a fault posted
 * on the simulated devices' channel makes only the next read end with it (no card in time, pulled out early, no
 * reader); a step that leaves aborts the read; the card is taken back a moment after it is handed back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createSimulatedBankCardReader, DEMO_BANK_CARD } from '../../kiosk/src/devices/simulatedBankCard'
import { SIM_DEVICES_CHANNEL } from '../../kiosk/src/devices/simulatedIdentity'
import { BankCardError } from '../../kiosk/src/devices/types'

const channels: BroadcastChannel[] = []
afterEach(() => {
  for (const c of channels.splice(0)) c.close()
})

/** Posts a message as a demo operator's hand would, and lets it arrive. */
async function post(data: unknown) {
  const hand = new BroadcastChannel(SIM_DEVICES_CHANNEL)
  channels.push(hand)
  hand.postMessage(data)
  await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('simulated bank-card reader', () => {
  it('reads the demo card after the resident’s hand, and takes it back after as long', async () => {
    const reader = createSimulatedBankCardReader(30)
    const started = performance.now()
    await expect(reader.read()).resolves.toEqual({ cardNumber: DEMO_BANK_CARD.cardNumber })
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
    const ejecting = performance.now()
    await reader.eject()
    expect(performance.now() - ejecting).toBeGreaterThanOrEqual(25)
  })

  it('ends only the next read with the fault posted on the channel', async () => {
    for (const fault of ['timeout', 'removed', 'missing'] as const) {
      const reader = createSimulatedBankCardReader(5)
      await post({ bankCard: fault })
      const error = await reader.read().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BankCardError)
      expect((error as BankCardError).reason).toBe(fault)
      await expect(reader.read()).resolves.toEqual({ cardNumber: DEMO_BANK_CARD.cardNumber })
    }
  })

  it('ignores messages that name no fault, and stops a read the step abandoned', async () => {
    const reader = createSimulatedBankCardReader(50)
    await post({ bankCard: 'explode' })
    await post({ showQr: 'x' })
    await expect(reader.read()).resolves.toEqual({ cardNumber: DEMO_BANK_CARD.cardNumber })
    const abort = new AbortController()
    const reading = reader.read(abort.signal)
    abort.abort()
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
  })
})
