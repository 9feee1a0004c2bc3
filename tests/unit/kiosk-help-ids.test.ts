/**
 * Every tappable element of the resident screens carries a stable `data-help-id` (the 帮办 mirror lists them and
 * the helper points at them by it): a scan of the screens' sources finds no button without one. The maintenance
 * panel is staff-only and out of the mirror.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const UI = join(import.meta.dirname, '../../kiosk/src/ui')
/** Staff screens: never mirrored. */
const STAFF_ONLY = new Set(['screens/MaintenancePanel.tsx'])

function sources(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.tsx')
        ? [`${prefix}${entry.name}`]
        : [],
  )
}

/** The opening part of each `<button …` up to its closing tag, per file. */
function buttonsWithoutId(file: string): string[] {
  const text = readFileSync(join(UI, file), 'utf8')
  return text
    .split('<button')
    .slice(1)
    .map((rest) => rest.split('</button>')[0] ?? '')
    .filter((button) => !button.includes('data-help-id'))
    .map((button) => `${file}: <button${button.slice(0, 80).replace(/\s+/g, ' ')}`)
}

describe('stable ids for the helper', () => {
  it('puts a data-help-id on every button of the resident screens', () => {
    const files = sources(UI).filter((f) => !STAFF_ONLY.has(f))
    expect(files.length).toBeGreaterThan(15)
    expect(files.flatMap(buttonsWithoutId)).toEqual([])
  })

  it('names each typed-input display, so the mirror can say how full it is without its value', () => {
    const flow = readFileSync(join(UI, 'flow/FlowScreen.tsx'), 'utf8')
    for (const id of ['field.phone', 'field.sms']) expect(flow).toContain(`"${id}"`)
    // The identify step's: the ID number typed, and the 社保卡 PIN (the mirror sees how many digits, never which).
    const identify = readFileSync(join(UI, 'flow/IdentifyStep.tsx'), 'utf8')
    for (const id of ['field.idNumber', 'field.pin']) expect(identify).toContain(`"${id}"`)
    expect(readFileSync(join(UI, 'flow/KeypadEntry.tsx'), 'utf8')).toContain('data-help-id={props.helpId}')
    expect(readFileSync(join(UI, 'flow/FieldStep.tsx'), 'utf8')).toContain(
      'data-help-id={`field.$' + '{field.key}`}',
    )
  })
})
