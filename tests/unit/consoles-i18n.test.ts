import { describe, expect, it } from 'vitest'
import { districtMessages } from '../../kiosk/src/admin/districtMessages'
import { adminMessages } from '../../kiosk/src/admin/messages'
import { commonMessages } from '../../kiosk/src/consoles/commonMessages'
import { opsMessages } from '../../kiosk/src/ops/messages'

/** Every leaf of a dictionary as "path" → value, so zh and en can be compared key by key. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value))
      for (const [p, leaf] of leaves(v, `${path}.${k}`)) out.set(p, leaf)
  } else out.set(path, value)
  return out
}

describe.each([
  ['common', commonMessages],
  ['admin', adminMessages],
  ['district items', districtMessages],
  ['ops', opsMessages],
])('%s dictionaries', (_name, dicts) => {
  const zh = leaves(dicts.zh)
  const en = leaves(dicts.en)
  it('have the same keys in both languages', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort())
  })
  it('have no empty strings and the same kind of entry (text, function, list) per key', () => {
    for (const [key, value] of zh) {
      const other = en.get(key)
      expect(typeof other, key).toBe(typeof value)
      if (typeof value === 'string') {
        expect(value.trim(), key).not.toBe('')
        expect(String(other).trim(), key).not.toBe('')
      }
      if (Array.isArray(value)) expect((other as unknown[]).length, key).toBe(value.length)
    }
  })
})

describe('names the end-to-end tests rely on', () => {
  it('keeps the Chinese labels stable', () => {
    expect(commonMessages.zh.username).toBe('用户名')
    expect(commonMessages.zh.password).toBe('密码')
    expect(commonMessages.zh.login).toBe('登录')
    expect(adminMessages.zh.chooseFile).toBe('选择文件')
    expect(adminMessages.zh.publish).toBe('发布')
    expect(adminMessages.zh.rollback).toBe('回滚到此版本')
    expect(opsMessages.zh.headline.sessions).toBe('服务人次')
    expect(opsMessages.zh.headline.transactions).toBe('办件量')
    expect(opsMessages.zh.headline.goodRate).toBe('好评率')
    expect(commonMessages.zh.tooManyAttempts(30)).toBe('尝试次数过多，请 30 秒后再试')
  })
})
