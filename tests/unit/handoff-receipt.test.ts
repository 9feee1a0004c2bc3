/**
 * The receipt model (回执): built once from what the flow knows (name masked, Shanghai time, 即办 or the limit,
 * 自取 or 邮寄 from the delivery field), printed by every driver through the same text, and read back field by
 * field from what each printer received: the ESC/POS simulator's decoded GB18030 lines and QR payload, and the
 * CUPS PDF's text through pdftotext.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCupsPrinter } from '../../kiosk/agent/documents/cupsPrinter'
import { createEscposPrinter } from '../../kiosk/agent/printer/escposPrinter'
import {
  buildReceipt,
  collectionOf,
  RECEIPT_TITLE,
  readReceipt,
  receiptDocument,
} from '../../kiosk/agent/protocol/receipt'
import { startEscposPrinterSimulator } from '../../kiosk/agent/simulators/escposPrinterSimulator'
import { openTcpLine } from '../../kiosk/agent/transport/tcpLine'
import { type CupsServer, cupsRigProblem, startCupsServer } from '../fixtures/node/agent/cupsServer'

const LINK = 'https://kiosk.example.gov.cn/m/#t=AVNCMjAyNjExMjcwMDA0Mr3Zq0nUY8zGmU0S2GqkX3o'
const APPLY_INPUT = {
  itemName: '居民身份证换领',
  reference: 'SB2026112700042',
  name: '欧阳䶮',
  at: '2026-11-27T02:05:09Z',
  timeLimit: { days: 20, unit: '工作日' },
  fields: { delivery: 'post' },
  caseLink: LINK,
}
const APPLY = buildReceipt(APPLY_INPUT)

describe('receipt model', () => {
  it('holds the masked name, Shanghai time, the promised limit, the collection and the link', () => {
    expect(APPLY).toEqual({
      item: '居民身份证换领',
      reference: 'SB2026112700042',
      maskedName: '欧**',
      time: '2026-11-27 10:05',
      timeLimit: '20个工作日',
      collection: '邮寄',
      qr: LINK,
    })
    expect(collectionOf({ delivery: 'station' })).toBe('自取')
    expect(collectionOf({})).toBe('自取')
    const appointment = buildReceipt({
      ...APPLY_INPUT,
      itemName: '出入境证件办理预约',
      name: '李雷',
      timeLimit: { days: 0, unit: '工作日' },
      fields: {},
      appointment: { at: '2026-12-01T09:30:00+08:00', place: '源城区出入境大厅 3 号窗' },
    })
    expect(appointment).toMatchObject({
      timeLimit: '即办',
      collection: '自取',
      maskedName: '李*',
      appointment: { at: '2026-12-01 09:30', place: '源城区出入境大厅 3 号窗' },
    })
    const doc = receiptDocument(appointment)
    expect(readReceipt(doc.title, doc.lines, doc.qr)).toEqual(appointment)
  })

  it('lists the paper-only materials to bring to the counter, and reads them back', () => {
    const withPaper = buildReceipt({
      ...APPLY_INPUT,
      bringToCounter: ['损坏的居民身份证', '指定医院出具的体检表'],
    })
    const doc = receiptDocument(withPaper)
    expect(doc.lines).toContain('请携带原件到窗口：损坏的居民身份证、指定医院出具的体检表')
    expect(readReceipt(doc.title, doc.lines, doc.qr)).toEqual(withPaper)
    // None to bring: no such line.
    expect(buildReceipt({ ...APPLY_INPUT, bringToCounter: [] })).toEqual(APPLY)
  })

  it('reads back only a whole receipt', () => {
    const doc = receiptDocument(APPLY)
    expect(readReceipt(doc.title, doc.lines, doc.qr)).toEqual(APPLY)
    expect(readReceipt('参保证明', doc.lines, doc.qr)).toBeNull()
    expect(readReceipt(doc.title, doc.lines, undefined)).toBeNull()
    expect(readReceipt(doc.title, doc.lines.slice(1), doc.qr)).toBeNull()
    expect(JSON.stringify(doc)).not.toContain('欧阳䶮')
  })

  it('prints through ESC/POS and reads back from the simulated printer (GB18030 text, GS ( k QR, cut)', async () => {
    const simulator = await startEscposPrinterSimulator()
    const printer = createEscposPrinter(
      () => openTcpLine('127.0.0.1', simulator.port),
      () => {},
      50,
    )
    try {
      await printer.print(receiptDocument(APPLY))
      const [printed] = simulator.receipts()
      expect(printed?.cut).toBe(true)
      expect(printed?.lines[0]).toBe(RECEIPT_TITLE)
      expect(
        readReceipt(printed?.lines[0] ?? '', printed?.lines.slice(1) ?? [], printed?.qr ?? undefined),
      ).toEqual(APPLY)
    } finally {
      await printer.close()
      await simulator.close()
    }
  })
})

describe('receipt model through CUPS', () => {
  let cups: CupsServer
  beforeAll(async () => {
    const problem = cupsRigProblem()
    if (problem) throw new Error(problem)
    cups = await startCupsServer()
  }, 30_000)
  afterAll(async () => {
    await cups?.close()
  })

  it('renders the receipt to PDF and reads every field back with pdftotext', async () => {
    const printer = createCupsPrinter({ queue: cups.queue, server: cups.server }, () => {})
    const doc = receiptDocument(APPLY)
    await printer.print(doc)
    const lines = await cups.nextPdfLines()
    // The QR code is drawn, not text: its payload is the model's own link, which the PDF was given.
    expect(readReceipt(lines[0] ?? '', lines.slice(1), doc.qr)).toEqual(APPLY)
  }, 30_000)
})
