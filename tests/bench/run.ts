/**
 * `npm run bench [-- --json FILE] [-- --only PREFIX]`: runs every benchmark and prints one table of named figures.
 * Figures are compared with targets or with baselines measured in the same run, never with timed unit tests.
 */
import { writeFileSync } from 'node:fs'
import { buildFigures } from './build.bench'
import type { Figure } from './figures'

/** Every benchmark, by the prefix `--only` selects on. */
const BENCHES: Record<string, () => Promise<Figure[]>> = {
  build: buildFigures,
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const only = argValue('--only')
const jsonFile = argValue('--json')
const figures: Figure[] = []
for (const [name, bench] of Object.entries(BENCHES)) {
  if (only && !name.startsWith(only)) continue
  console.error(`bench: ${name} …`)
  figures.push(...(await bench()))
}

const rows = figures.map((f) => [
  f.name,
  `${f.value} ${f.unit}`,
  f.target ?? '',
  f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED',
  f.note ?? '',
])
const header = ['figure', 'value', 'target', 'result', 'note']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(line(header))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of rows) console.log(line(row))
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify({ measuredAt: new Date().toISOString(), figures }, null, 2)}\n`)
  console.error(`bench: wrote ${jsonFile}`)
}
