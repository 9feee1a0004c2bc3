/**
 * Build figures: build time, the gzipped JS/CSS each entry page loads before it can paint, the JS the resident
 * page fetches before its first tap, in Chromium (firstTapJs.ts), against its budget, and each chunk the kiosk
 * loads later, when a flow needs it (materials, payment, QR decoding …), by its size.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { atMost, type Figure } from './figures'
import { FIRST_TAP_JS_BUDGET_KIB, jsBeforeFirstTap } from './firstTapJs'

const ROOT = join(import.meta.dirname, '../..')
const DIST = join(ROOT, 'dist')

interface ManifestChunk {
  file: string
  name?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  src?: string
}

const gzBytes = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length

/** Files an entry loads eagerly: its chunk, static imports (transitively) and their CSS; dynamic imports excluded. */
function eagerFiles(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()) {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const dep of manifest[key]?.imports ?? []) eagerFiles(manifest, dep, seen)
  return seen
}

/**
 * The kiosk's lazy chunks: everything its entry reaches through a dynamic import (and what those import), less
 * what the entry loads eagerly; one figure each, named by the chunk, so a flow's cost is seen where it is paid.
 */
function lazyChunkFigures(manifest: Record<string, ManifestChunk>, entry: string): Figure[] {
  const eager = eagerFiles(manifest, entry)
  const lazy = new Set<string>()
  const visit = (key: string) => {
    if (eager.has(key) || lazy.has(key) || !manifest[key]) return
    lazy.add(key)
    for (const next of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])])
      visit(next)
  }
  for (const key of eager) for (const next of manifest[key]?.dynamicImports ?? []) visit(next)
  return [...lazy]
    .map((key) => manifest[key]!)
    .filter((chunk) => chunk.file.endsWith('.js'))
    .map((chunk) => ({
      name: `kiosk.lazy.${chunk.name ?? chunk.file}.js.gz`,
      value: Number((gzBytes(chunk.file) / 1024).toFixed(1)),
      unit: 'KiB',
      note: `${chunk.file}, fetched when first needed${chunk.src ? ` (${chunk.src})` : ''}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Runs a production build and measures it. */
export async function buildFigures(): Promise<Figure[]> {
  const started = performance.now()
  const build = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('vite build failed')
  const seconds = (performance.now() - started) / 1000

  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >
  const budgets: Record<string, number> = { kiosk: 45, admin: 120, ops: 150 }
  const figures: Figure[] = [atMost('build.time', Number(seconds.toFixed(2)), 's', 30)]
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry || !key.endsWith('index.html')) continue
    const page = key === 'index.html' ? 'kiosk' : key.split('/')[0]!
    const chunks = [...eagerFiles(manifest, key)].map((k) => manifest[k]!)
    const js = chunks.reduce((sum, c) => sum + gzBytes(c.file), 0)
    const css = chunks.flatMap((c) => c.css ?? []).reduce((sum, f) => sum + gzBytes(f), 0)
    figures.push(atMost(`${page}.entry.js.gz`, Number((js / 1024).toFixed(1)), 'kB', budgets[page] ?? 100))
    figures.push({ name: `${page}.entry.css.gz`, value: Number((css / 1024).toFixed(1)), unit: 'kB' })
  }
  const firstTap = await jsBeforeFirstTap(DIST)
  const firstTapBytes = firstTap.reduce((sum, f) => sum + f.gzBytes, 0)
  figures.push(
    atMost(
      'kiosk.firstTap.js.gz',
      Number((firstTapBytes / 1024).toFixed(1)),
      'KiB',
      FIRST_TAP_JS_BUDGET_KIB,
      `${firstTap.length} files: ${firstTap.map((f) => `${f.file} ${(f.gzBytes / 1024).toFixed(1)}`).join(', ')}`,
    ),
  )
  figures.push(...lazyChunkFigures(manifest, 'index.html'))
  // Over budget fails the bench run (the table still prints): a later feature must not quietly undo item 2.
  if (firstTapBytes / 1024 > FIRST_TAP_JS_BUDGET_KIB) {
    console.error(`  JS before the first tap is over its ${FIRST_TAP_JS_BUDGET_KIB} KiB budget`)
    process.exitCode = 1
  }
  return figures
}
