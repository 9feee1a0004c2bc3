/**
 * Guards against module-level mutable state in the terminal's code (kiosk/src): state that outlives a
 * screen belongs to the bridge (`sync/createTerminalBridge.ts`) or to an actor, created once in the
 * composition root (`main.tsx` with `ui/wiring.ts`), so tests and a second bridge never share it.
 *
 * Allowed at module level: constants; read-only Sets and Maps (typed `ReadonlySet` / `ReadonlyMap`);
 * `WeakMap` memos of pure functions keyed by the object they derive from (a catalog's views); and the
 * memos of lazily loaded static chunks listed in `LAZY_CHUNK_MEMOS` (loading them twice would give the
 * same value). Build-time Node scripts that never reach the browser are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const KIOSK_SRC = join(ROOT, 'kiosk/src')

/** Node-only generators (their header says so); never imported by the app. */
const BUILD_SCRIPTS = new Set(['kiosk/src/ui/ime/buildPinyinTable.ts'])

/** `let` memos of a lazily loaded chunk, by file: the promise or the loaded value, never anything else. */
const LAZY_CHUNK_MEMOS: Record<string, string[]> = {
  'kiosk/src/i18n/index.ts': ['english', 'loading', 'chinese', 'chineseLoading'],
  'kiosk/src/ui/keyboards/PinyinKeyboard.tsx': ['tablePromise'],
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Top-level declarations that hold mutable state, as `file: name (why)`. */
function moduleStateProblems(file: string, text: string): string[] {
  const problems: string[] = []
  for (const line of text.split('\n')) {
    const variable = /^(?:export )?(?:let|var) (\w+)/.exec(line)
    if (variable?.[1] && !LAZY_CHUNK_MEMOS[file]?.includes(variable[1]))
      problems.push(`${file}: ${variable[1]} (top-level let/var)`)
    const collection = /^(?:export )?const (\w+)(?:: (.+?))? = new (Map|Set|Array)\b/.exec(line)
    if (collection?.[1] && !/^Readonly(Map|Set)\b/.test(collection[2]?.trim() ?? ''))
      problems.push(`${file}: ${collection[1]} (mutable ${collection[3]})`)
    const array = /^(?:export )?const (\w+)(?:: .+?)? = \[\]/.exec(line)
    if (array?.[1]) problems.push(`${file}: ${array[1]} (empty array to fill)`)
  }
  return problems
}

describe('kiosk/src holds no module-level mutable state', () => {
  it('finds none outside the allowed memos', () => {
    const problems = sourceFiles(KIOSK_SRC)
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((file) => !BUILD_SCRIPTS.has(file))
      .flatMap((file) => moduleStateProblems(file, readFileSync(join(ROOT, file), 'utf8')))
    expect(problems).toEqual([])
  })

  it('flags a top-level let, a mutable Map or Set and an array to fill, but not constants or memos', () => {
    const text = [
      'let lastActivity = ""',
      'export const waiters = new Map<string, () => void>()',
      'const seen: string[] = []',
      'const listeners: Set<() => void> = new Set()',
      'const KINDS: ReadonlySet<string> = new Set(["申办"])',
      'const views = new WeakMap<object, string>()',
      'const ROWS = ["123", "456"] as const',
      '  let local = 0',
    ].join('\n')
    expect(moduleStateProblems('kiosk/src/x.ts', text)).toEqual([
      'kiosk/src/x.ts: lastActivity (top-level let/var)',
      'kiosk/src/x.ts: waiters (mutable Map)',
      'kiosk/src/x.ts: seen (empty array to fill)',
      'kiosk/src/x.ts: listeners (mutable Set)',
    ])
    expect(moduleStateProblems('kiosk/src/i18n/index.ts', 'let english = null')).toEqual([])
  })
})
