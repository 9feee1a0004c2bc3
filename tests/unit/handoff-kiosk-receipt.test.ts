/**
 * The kiosk prints the receipt model for an appointment (and apply) item once its result carries the case's link,
 * and only then; out of paper the flow ends with print failed, so the result screen's QR code stands in.
 */
import { describe, expect, it } from 'vitest'
import { createActor } from 'xstate'
import { buildReceipt, readReceipt, receiptDocument } from '../../kiosk/agent/protocol/receipt'
import { type FlowOutput, printJobFor } from '../../kiosk/src/machines/serviceFlowMachine'
import { provideFlow } from '../../kiosk/src/ui/sessionActors'
import { createFakeBridge, demoResult } from '../fixtures/node/kiosk/fakeBridge'
import { flush, instantFlowDeps } from '../fixtures/node/kiosk/harness'
import { bookItem, parseItem, sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

const LINK = 'https://kiosk.example.gov.cn/m/#t=AVlZMjAyNjExMjcwMDAwN3Vmh7OGz2Wb1Q1n6LX7m9w'

async function book(link: string | undefined, printer: 'ok' | 'paperOut' = 'ok') {
  const bridge = createFakeBridge(sampleCatalog())
  bridge.answer = () => ({
    state: 'done',
    key: 'k-1',
    result: { ...demoResult('预约'), ...(link ? { caseLink: link } : {}) },
  })
  const { deps, state } = instantFlowDeps(bridge)
  state.printer = printer
  const actor = createActor(provideFlow(deps), {
    input: {
      item: parseItem(bookItem),
      sessionId: '00000000-0000-7000-8000-000000000001',
      catalogVersion: 3,
    },
  }).start()
  let output: FlowOutput | undefined
  actor.subscribe({ complete: () => (output = actor.getSnapshot().output) })
  actor.send({ type: 'step.next' })
  actor.send({ type: 'step.next' })
  actor.send({ type: 'flow.submit' })
  await flush()
  return { output, printed: state.printed, context: actor.getSnapshot().context }
}

describe('receipt printing in the flow', () => {
  it('prints the receipt model with the case link as its QR code', async () => {
    const { output, printed, context } = await book(LINK)
    expect(printed).toBe(1)
    if (output?.outcome !== 'completed') throw new Error('not completed')
    expect(output.result.print).toBe('ok')
    const request = printJobFor(context)
    if (!('receipt' in request)) throw new Error('not a receipt')
    const job = receiptDocument(buildReceipt(request.receipt))
    expect(readReceipt(job.title, job.lines, job.qr)).toMatchObject({
      item: '婚姻登记预约',
      reference: demoResult('预约').reference,
      collection: '自取',
      timeLimit: '即办',
      appointment: { at: '2026-12-01 09:30', place: '源城区婚姻登记处' },
      qr: LINK,
    })
  })

  it('prints nothing for a result without a link, and fails over to the screen when out of paper', async () => {
    expect((await book(undefined)).printed).toBe(0)
    const out = (await book(LINK, 'paperOut')).output
    if (out?.outcome !== 'completed') throw new Error('not completed')
    expect(out.result).toMatchObject({ print: 'failed', printerState: 'paperOut' })
    expect(out.result.outcome.state === 'done' && out.result.outcome.result.caseLink).toBe(LINK)
  })
})
