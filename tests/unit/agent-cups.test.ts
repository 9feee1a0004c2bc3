/**
 * The document printer through CUPS: the agent renders the receipt model to PDF with an embedded CJK font, submits
 * it over IPP to a cups-pdf queue on a cupsd of the test's own, and pdftotext reads the printed PDF back, rare name
 * character included (the QR code is drawn, not text). A queue that does not exist makes the printer lost and the print deviceUnavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCupsPrinter } from '../../kiosk/agent/documents/cupsPrinter'
import { AgentError } from '../../kiosk/agent/drivers/types'
import type { AgentEvent } from '../../kiosk/agent/protocol/messages'
import { type CupsServer, cupsRigProblem, startCupsServer } from '../fixtures/node/agent/cupsServer'

const problem = cupsRigProblem()

describe('document printer through CUPS', () => {
  let cups: CupsServer
  beforeAll(async () => {
    // The test phase installs the packages (tests/phases.mjs); a machine without them fails here, saying how.
    if (problem) throw new Error(problem)
    cups = await startCupsServer()
  }, 30_000)
  afterAll(async () => {
    await cups?.close()
  })

  it('prints the receipt model and reads it back from the PDF', async () => {
    const events: AgentEvent[] = []
    const printer = createCupsPrinter({ queue: cups.queue, server: cups.server }, (event) =>
      events.push(event),
    )
    await printer.print({
      title: '申办回执',
      lines: ['办件编号：GD-2026-000123', '申请人：刘䶮', '事项：城乡居民养老保险参保登记'],
      qr: 'https://ex.test/c/GD-2026-000123',
    })
    expect(await cups.nextPdfLines()).toEqual([
      '申办回执',
      '办件编号：GD-2026-000123',
      '申请人：刘䶮',
      '事项：城乡居民养老保险参保登记',
    ])
    expect(events).toEqual([])
    expect(printer.state()).toBe('ready')
  }, 30_000)

  it('reports a queue that does not exist as lost', async () => {
    const events: AgentEvent[] = []
    const printer = createCupsPrinter({ queue: 'no-such-queue', server: cups.server }, (event) =>
      events.push(event),
    )
    const error = await printer.print({ title: 'x', lines: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AgentError)
    expect((error as AgentError).code).toBe('deviceUnavailable')
    expect(events).toEqual(['device.lost'])
    expect(printer.state()).toBe('lost')
  })
})
