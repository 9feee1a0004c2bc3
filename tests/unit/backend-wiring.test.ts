/**
 * The backend's wiring stays in one place: environment variables are read only in config.ts, no module of
 * mock-backend/src keeps mutable state of its own — every per-server object is built by createAppDeps
 * (server.ts) and passed in AppDeps — and only the SQLite implementation (db/sqlite/) touches the driver, a
 * connection (`.db`) or a transaction, so every other caller goes through the async Storage interface. Sources are parsed (vite's TypeScript parser), not grepped, so comments
 * and strings do not count and a new offender in any form below is caught; the detectors are proven on
 * synthetic offenders first.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseSync } from 'vite'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '../../mock-backend/src')

/** The one module that reads environment variables. */
const CONFIG_MODULE = 'config.ts'

/**
 * Module-level memos of pure functions: a day's answer never changes, so remembering it is not state any server
 * owns. Each is `file: binding`; the test fails if one disappears, so the list stays true.
 */
const PURE_MEMOS = ['cases/calendar.ts: known', 'cases/plan.ts: finishDayLists']

/** The SQLite implementation's folder: the only code that may use better-sqlite3, `.db` or `transaction(`. */
const SQLITE_DIR = 'db/sqlite/'
/** Outside db/sqlite/, the modules that may import it: the storage factory and the SQLite backup command. */
const SQLITE_IMPORTERS = ['db/openStorage.ts', 'backup.ts']

/** Methods that change the object they are called on. */
const MUTATING_METHODS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
])
/** Type annotations that promise a `new` collection is never changed. */
const READONLY_TYPES = /^(ReadonlySet|ReadonlyMap|ReadonlyArray|Readonly)$/

type Node = { type: string; [key: string]: unknown }

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && 'type' in v

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit)
    return
  }
  if (!isNode(node)) return
  visit(node)
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && typeof value === 'object') walk(value, visit)
  }
}

function parse(file: string, source: string): Node[] {
  const result = parseSync(file, source, { lang: 'ts', sourceType: 'module' })
  if (result.errors.length > 0) throw new Error(`${file}: ${result.errors[0]?.message}`)
  return result.program.body as unknown as Node[]
}

const nameOf = (n: unknown): string | undefined =>
  isNode(n) && n.type === 'Identifier' ? (n.name as string) : undefined

/** `process.env`, `process['env']` or `{ env } = process` anywhere in the source. */
function envReads(file: string, source: string): string[] {
  const found: string[] = []
  walk(parse(file, source), (n) => {
    if (n.type === 'MemberExpression' && nameOf(n.object) === 'process') {
      const p = n.property as Node
      if (nameOf(p) === 'env' || (p.type === 'Literal' && p.value === 'env'))
        found.push(`${file}: process.env`)
    }
    if (n.type === 'VariableDeclarator' && nameOf(n.init) === 'process' && isNode(n.id)) {
      if (n.id.type === 'ObjectPattern') found.push(`${file}: destructures process`)
    }
  })
  return found
}

/** Strips `as`, `satisfies`, `!` and parentheses around an expression. */
function unwrap(n: unknown): unknown {
  let at = n
  while (
    isNode(at) &&
    ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression'].includes(
      at.type,
    )
  )
    at = at.expression
  return at
}

function annotationName(id: Node): string | undefined {
  const annotation = (id.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined
  if (annotation?.type !== 'TSTypeReference') return undefined
  return nameOf(annotation.typeName)
}

/** Names of the identifiers a statement's (exported or not) declaration binds at module level. */
function topLevelDeclarations(body: Node[]): { kind: string; declarator: Node }[] {
  const out: { kind: string; declarator: Node }[] = []
  for (const statement of body) {
    const decl =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
        ? (statement.declaration as Node | null)
        : statement
    if (decl?.type === 'VariableDeclaration')
      for (const d of decl.declarations as Node[]) out.push({ kind: decl.kind as string, declarator: d })
  }
  return out
}

/**
 * What bypasses the Storage interface: a better-sqlite3 import (static, dynamic or required), an import of
 * db/sqlite/ (`sqliteImports` false for the modules allowed one), any `.db` member, any `transaction(` call.
 */
function storageBypasses(file: string, source: string, sqliteImports = false): string[] {
  const found: string[] = []
  const imported = (from: unknown, how: string) => {
    const path = isNode(from) && from.type === 'Literal' ? String(from.value) : ''
    if (path === 'better-sqlite3') found.push(`${file}: ${how} better-sqlite3`)
    else if (!sqliteImports && /(^|\/)db\/sqlite\/|^\.\/sqlite\/|(^|\/)sqlite\//.test(path))
      found.push(`${file}: ${how} ${path}`)
  }
  walk(parse(file, source), (n) => {
    if (
      n.type === 'ImportDeclaration' ||
      n.type === 'ExportNamedDeclaration' ||
      n.type === 'ExportAllDeclaration'
    )
      imported(n.source, 'imports')
    if (n.type === 'ImportExpression') imported(n.source, 'imports')
    if (n.type === 'CallExpression' && nameOf(n.callee) === 'require')
      imported((n.arguments as Node[])[0], 'requires')
    if (n.type === 'MemberExpression' && !n.computed && nameOf(n.property) === 'db')
      found.push(`${file}: .db access`)
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee)
      const name =
        isNode(callee) && callee.type === 'MemberExpression' ? nameOf(callee.property) : nameOf(callee)
      if (name === 'transaction') found.push(`${file}: transaction( call`)
    }
  })
  return found
}

/** Module-level mutable state: `let`/`var`, a `new` object not typed read-only, a module const mutated anywhere, a static field. */
function mutableState(file: string, source: string): string[] {
  const body = parse(file, source)
  const found: string[] = []
  const moduleConsts = new Set<string>()
  for (const { kind, declarator } of topLevelDeclarations(body)) {
    const name = nameOf(declarator.id) ?? '(pattern)'
    if (kind !== 'const') {
      found.push(`${file}: ${name} (${kind})`)
      continue
    }
    moduleConsts.add(name)
    const init = unwrap(declarator.init)
    const annotation = isNode(declarator.id) ? annotationName(declarator.id) : undefined
    if (isNode(init) && init.type === 'NewExpression' && !READONLY_TYPES.test(annotation ?? ''))
      found.push(`${file}: ${name} (new ${nameOf(init.callee) ?? '…'})`)
  }
  const mutated = new Set<string>()
  const target = (n: unknown): string | undefined => {
    const at = unwrap(n)
    if (isNode(at) && at.type === 'MemberExpression') return target(at.object) ?? undefined
    const name = nameOf(at)
    return name !== undefined && moduleConsts.has(name) ? name : undefined
  }
  walk(body, (n) => {
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
      const left = unwrap(n.type === 'AssignmentExpression' ? n.left : n.argument)
      if (isNode(left) && left.type === 'MemberExpression') {
        const name = target(left)
        if (name) mutated.add(name)
      }
    }
    if (n.type === 'UnaryExpression' && n.operator === 'delete') {
      const name = target(n.argument)
      if (name) mutated.add(name)
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee)
      if (isNode(callee) && callee.type === 'MemberExpression') {
        const method = nameOf(callee.property)
        if (method && MUTATING_METHODS.has(method)) {
          const name = target(callee.object)
          if (name) mutated.add(name)
        }
        // Object.assign(x, …) changes x.
        if (nameOf(callee.object) === 'Object' && method === 'assign') {
          const name = target((n.arguments as Node[])[0])
          if (name) mutated.add(name)
        }
      }
    }
  })
  for (const name of mutated) {
    const entry = `${file}: ${name} (mutated)`
    if (!found.some((f) => f.startsWith(`${file}: ${name} `))) found.push(entry)
  }
  for (const statement of body) {
    const decl =
      statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement
    if (decl?.type !== 'ClassDeclaration') continue
    for (const member of (decl.body as Node).body as Node[]) {
      if (member.type === 'PropertyDefinition' && member.static && !member.readonly)
        found.push(`${file}: ${nameOf(decl.id)}.${nameOf(member.key)} (static)`)
    }
  }
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(e.name) ? [path] : []
  })
}

const files = sourceFiles(SRC).map((path) => ({
  file: relative(SRC, path).replaceAll('\\', '/'),
  source: readFileSync(path, 'utf8'),
}))

describe('backend wiring', () => {
  it('the detectors catch every kind of offender (and not the allowed forms)', () => {
    const offending = [
      'let counter = 0',
      'export var hits = 0',
      'const cache = new Map<string, number>()',
      'export const seen = new WeakMap<object, string>()',
      'const limits = { perMinute: 5 }\nexport function raise() { limits.perMinute += 1 }',
      'const queue: string[] = []\nexport function add(s: string) { queue.push(s) }',
      'const made = makeThing()\nexport const use = () => { made.inner.count = 1 }',
      'const o = {}\nexport const f = () => Object.assign(o, { a: 1 })',
      'export class Registry { static all = new Set() }',
    ].join('\n')
    expect(mutableState('synthetic.ts', offending)).toEqual([
      'synthetic.ts: counter (let)',
      'synthetic.ts: hits (var)',
      'synthetic.ts: cache (new Map)',
      'synthetic.ts: seen (new WeakMap)',
      'synthetic.ts: limits (mutated)',
      'synthetic.ts: queue (mutated)',
      'synthetic.ts: made (mutated)',
      'synthetic.ts: o (mutated)',
      'synthetic.ts: Registry.all (static)',
    ])
    const allowed = [
      "const KINDS: ReadonlySet<string> = new Set(['a'])",
      'const LIMIT = 5',
      "const LIST = ['a', 'b'] as const",
      'export class Cache { private readonly days = new Map(); static readonly MAX = 3; put() { this.days.set(1, 2) } }',
      'export function f() { let n = 0; const m = new Map(); m.set(1, n++); return m }',
      '// let x = 1 in a comment\nconst text = "process.env.X"',
    ].join('\n')
    expect(mutableState('allowed.ts', allowed)).toEqual([])
    expect(envReads('allowed.ts', allowed)).toEqual([])
    expect(
      envReads(
        'reader.ts',
        "const a = process.env.PORT\nconst b = process['env']\nconst { env } = process\nconst c = env.X",
      ),
    ).toEqual(['reader.ts: process.env', 'reader.ts: process.env', 'reader.ts: destructures process'])
  })

  it('the storage detector catches a driver import, a .db access and a transaction outside db/sqlite/', () => {
    const planted = [
      "import Database from 'better-sqlite3'",
      "import { SqliteStorage } from '../db/sqlite/store'",
      "export const open = () => import('better-sqlite3')",
      "const driver = require('better-sqlite3')",
      'export const memory = (store: { db: { memory: boolean } }) => store.db.memory',
      'export const run = (store: { transaction(f: () => void): void }) => store.transaction(() => {})',
      'export const direct = (transaction: (f: () => void) => void) => transaction(() => {})',
    ].join('\n')
    expect(storageBypasses('planted.ts', planted)).toEqual([
      'planted.ts: imports better-sqlite3',
      'planted.ts: imports ../db/sqlite/store',
      'planted.ts: imports better-sqlite3',
      'planted.ts: requires better-sqlite3',
      'planted.ts: .db access',
      'planted.ts: transaction( call',
      'planted.ts: transaction( call',
    ])
    const allowed = [
      "import type { Storage } from './db/storage'",
      '// store.db.transaction() in a comment',
      "const text = 'better-sqlite3 .db transaction('",
      'export const mark = (store: Storage) => store.reports.transactionMark()',
      'export const dbName = (o: { dbName: string }) => o.dbName',
    ].join('\n')
    expect(storageBypasses('allowed.ts', allowed)).toEqual([])
    // The factory may import the SQLite implementation, never the driver.
    expect(storageBypasses('factory.ts', "import Database from 'better-sqlite3'", true)).toEqual([
      'factory.ts: imports better-sqlite3',
    ])
  })

  it('touches the database only through the Storage interface outside db/sqlite/', () => {
    const outside = files.filter((f) => !f.file.startsWith(SQLITE_DIR))
    expect(outside.length).toBeGreaterThan(50)
    const found = outside.flatMap((f) => storageBypasses(f.file, f.source, SQLITE_IMPORTERS.includes(f.file)))
    expect(found).toEqual([])
    // The allowed importers still import it, so the list names only real exceptions.
    for (const file of SQLITE_IMPORTERS)
      expect(files.find((f) => f.file === file)?.source, file).toMatch(/from '\.\.?\/(db\/)?sqlite\//)
  })

  it(`reads environment variables only in ${CONFIG_MODULE}`, () => {
    expect(files.length).toBeGreaterThan(50)
    const reads = files.filter((f) => f.file !== CONFIG_MODULE).flatMap((f) => envReads(f.file, f.source))
    expect(reads).toEqual([])
    // config.ts itself is where they are read.
    const config = files.find((f) => f.file === CONFIG_MODULE)!
    expect(envReads(config.file, config.source).length).toBeGreaterThan(0)
  })

  it('lists every variable config.ts reads in the environment tables of both READMEs', () => {
    const config = files.find((f) => f.file === CONFIG_MODULE)!.source
    const names = new Set<string>()
    for (const m of config.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1]!)
    for (const m of config.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]!)
    expect([...names]).toEqual(
      expect.arrayContaining(['PORT', 'FAKE_NOW', 'INGEST_FAIL_FIRST', 'CASE_LATE_RATE']),
    )
    for (const readme of ['mock-backend/README.md', 'README.md']) {
      const text = readFileSync(join(import.meta.dirname, '../..', readme), 'utf8')
      expect(
        [...names].filter((name) => !text.includes(`\`${name}\``)),
        readme,
      ).toEqual([])
    }
  })

  it('keeps no module-level mutable state (per-server objects live in AppDeps)', () => {
    const found = files.flatMap((f) => mutableState(f.file, f.source))
    const memo = (entry: string) => PURE_MEMOS.some((m) => entry.startsWith(`${m} `))
    expect(found.filter((entry) => !memo(entry))).toEqual([])
    // Every listed memo still exists, so the list names only real exceptions.
    for (const m of PURE_MEMOS)
      expect(
        found.some((entry) => entry.startsWith(`${m} `)),
        m,
      ).toBe(true)
  })
})
