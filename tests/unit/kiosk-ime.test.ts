import { describe, expect, it } from 'vitest'
import { candidatesFor, parsePinyinTable, prefersLatin } from '../../kiosk/src/ui/ime/pinyinIme'
import { PINYIN_TABLE } from '../../kiosk/src/ui/ime/pinyinTable'

const table = parsePinyinTable(PINYIN_TABLE)

describe('on-screen pinyin input', () => {
  it('covers GB 2312 with about 400 syllables', () => {
    expect(table.size).toBeGreaterThan(390)
    const all = new Set([...table.values()].flat())
    expect(all.size).toBe(6763)
  })
  it('offers common characters first for a full syllable', () => {
    const yue = candidatesFor('yue', table)
    expect(yue.consumed).toBe(3)
    expect(yue.chars.slice(0, 5)).toContain('粤')
    expect(candidatesFor('li', table).chars.slice(0, 8)).toContain('李')
  })
  it('uses the longest syllable at the start and consumes only it', () => {
    const c = candidatesFor('guangzhou', table)
    expect(c.consumed).toBe(5)
    expect(c.chars[0]).toBe('光')
    expect(c.chars).toContain('广')
  })
  it('lists several syllables for a bare prefix such as "zh"', () => {
    const c = candidatesFor('zh', table)
    expect(c.consumed).toBe(2)
    expect(c.chars).toContain('张')
    expect(c.chars).toContain('中')
  })
  it('answers nothing for non-pinyin input', () => {
    expect(candidatesFor('', table)).toEqual({ consumed: 0, chars: [] })
    expect(candidatesFor('vvv', table).chars).toEqual([])
  })
  it('starts in Latin mode for ASCII-only patterns', () => {
    expect(prefersLatin('^[A-HJ-NPR-Z0-9]{6}$')).toBe(true)
    expect(prefersLatin('^[粤京][A-Z]')).toBe(false)
    expect(prefersLatin(undefined)).toBe(false)
  })
})
