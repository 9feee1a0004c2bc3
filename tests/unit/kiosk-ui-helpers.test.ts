import { describe, expect, it } from 'vitest'
import { deviceOptionsFromSearch } from '../../kiosk/src/devices'
import { createSimulatedDevices } from '../../kiosk/src/devices/simulated'
import { PrinterError } from '../../kiosk/src/devices/types'
import { loadChinese, pick, setEnglishDictionary, t } from '../../kiosk/src/i18n'
import { en } from '../../kiosk/src/i18n/en'
import { pick as pickLocalized } from '../../kiosk/src/i18n/localized'
import { zh } from '../../kiosk/src/i18n/zh'
import { createTapCounter } from '../../kiosk/src/ui/tapCounter'

describe('maintenance gesture', () => {
  it('needs five taps within 3 s', () => {
    const tap = createTapCounter()
    expect([0, 500, 1000, 1500].map(tap)).toEqual([false, false, false, false])
    expect(tap(2900)).toBe(true)
    const slow = createTapCounter()
    expect([0, 1000, 2000, 3000, 4000].map(slow)).toEqual([false, false, false, false, false])
  })
})

describe('i18n', () => {
  it('English covers every Chinese key with non-empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const value of Object.values(en)) expect(value.trim()).not.toBe('')
  })
  it("has the attract screen's Chinese from the start and the session's once loadChinese settles", async () => {
    expect(t('zh', 'attractTouch')).toBe('点击屏幕开始')
    // Asked too early, a session key shows as itself: visible in a test, never a blank button.
    expect(t('zh', 'homeTitle')).toBe('homeTitle')
    await loadChinese()
    expect(t('zh', 'homeTitle')).toBe(zh.homeTitle)
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(t('zh', key)).toBe(zh[key])
  })
  it('fills placeholders and falls back to Chinese names', () => {
    setEnglishDictionary(en)
    expect(t('zh', 'idleBody', { seconds: 20 })).toBe('20 秒后将返回首页并清除本次信息')
    expect(t('en', 'stepProgress', { step: 2, steps: 5 })).toBe('Step 2 of 5')
    expect(pick({ zh: '户籍证明开具', en: '' }, 'en')).toBe('户籍证明开具')
    expect(pick({ zh: '户籍证明开具', en: 'Household certificate' }, 'en')).toBe('Household certificate')
    expect(pick({ zh: '户籍证明开具', en: 'Household certificate' }, 'zh')).toBe('户籍证明开具')
  })
  it('uses the one fallback rule for the terminal and the consoles: blank English is Chinese too', () => {
    expect(pick).toBe(pickLocalized)
    expect(pick({ zh: '户籍证明开具', en: '  ' }, 'en')).toBe('户籍证明开具')
  })
  it('has the 好差评 levels and the thin-path labels', () => {
    expect([zh.rating5, zh.rating4, zh.rating3, zh.rating2, zh.rating1]).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ])
    expect(zh.attractTouch).toBe('点击屏幕开始')
    expect(zh.identifyDemoCard).toBe('模拟刷身份证（演示）')
  })
})

describe('simulated devices', () => {
  it('the printer runs out of paper via ?printer=paperOut and reports every state', async () => {
    const reports: string[] = []
    const devices = createSimulatedDevices(
      deviceOptionsFromSearch('?printer=paperOut', (s) => reports.push(s)),
    )
    expect(devices.printer.state()).toBe('paperOut')
    const failed = devices.printer.print({ kind: 'receipt', title: 't', lines: [] })
    await expect(failed).rejects.toBeInstanceOf(PrinterError)
    devices.setPaperOut(false)
    expect(reports).toEqual(['paperOut', 'ok'])
  }, 10_000)
})
