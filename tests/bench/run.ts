/**
 * `npm run bench [-- --json FILE] [-- --only PREFIX]`: runs every benchmark and prints one table of named figures.
 * Figures are compared with targets or with baselines measured in the same run, never with timed unit tests.
 */
import { writeFileSync } from 'node:fs'
import { agentFigures } from './agent.bench'
import { backendFigures } from './backend.bench'
import { backendPgFigures } from './backendPg.bench'
import { type BenchContext, benchPostgres } from './benchPostgres'
import { buildFigures } from './build.bench'
import { catalogFigures } from './catalog.bench'
import { chromiumFigures } from './chromium.bench'
import { coldBootFigures } from './coldBoot.bench'
import { dailyCountsFigures } from './dailyCounts.bench'
import { drainFigures } from './drain.bench'
import type { Figure } from './figures'
import { fleetProvinceFigures } from './fleetProvince.bench'
import { heapFigures } from './heap.bench'
import { helpCallFigures } from './helpCall.bench'
import { lighthouseFigures } from './lighthouse.bench'
import { materialsDrainFigures } from './materialsDrain.bench'
import { opsDashboardFigures } from './ops-dashboard.bench'
import { phoneUploadFigures } from './phoneUpload.bench'
import { provinceDailyCountsFigures } from './provinceDailyCounts.bench'
import { searchFigures } from './search.bench'
import { supervisionFigures } from './supervision.bench'
import { tapFigures } from './tap.bench'

/** Every benchmark, by the prefix `--only` selects on (in run order: browser benches need `build` first). */
const BENCHES: Record<string, (context: BenchContext) => Promise<Figure[]>> = {
  build: buildFigures,
  catalog: catalogFigures,
  'kiosk.search': searchFigures,
  backend: backendFigures,
  'backend.dailyCounts': dailyCountsFigures,
  'backend.supervision': supervisionFigures,
  'backend.pg.ingest': backendPgFigures,
  'backend.pg.provinceDailyCounts': provinceDailyCountsFigures,
  'backend.pg.fleet': fleetProvinceFigures,
  'kiosk.browser': chromiumFigures,
  'sync.drain': drainFigures,
  'sync.materials': materialsDrainFigures,
  'ops.dashboard': opsDashboardFigures,
  'kiosk.lighthouse': lighthouseFigures,
  'kiosk.tap': tapFigures,
  'kiosk.coldBoot': coldBootFigures,
  'kiosk.heap': heapFigures,
  agent: agentFigures,
  help: helpCallFigures,
  'phone.upload': phoneUploadFigures,
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const only = argValue('--only')
const jsonFile = argValue('--json')
const figures: Figure[] = []
// The PostgreSQL benches' server: TEST_DATABASE_URL's, else a throwaway cluster started on first use.
const context: BenchContext = { postgres: benchPostgres(process.env.TEST_DATABASE_URL) }
for (const [name, bench] of Object.entries(BENCHES)) {
  if (only && !name.startsWith(only)) continue
  console.error(`bench: ${name} …`)
  const started = performance.now()
  try {
    figures.push(...(await bench(context)))
  } catch (error) {
    // One broken bench must not hide the others' figures; the run still fails.
    const message = error instanceof Error ? error.message : String(error)
    console.error(`bench: ${name} failed: ${error instanceof Error ? error.stack : message}`)
    figures.push({
      name: `${name}.error`,
      value: Number.NaN,
      unit: '',
      ok: false,
      note: message.split('\n')[0],
    })
    process.exitCode = 1
  }
  console.error(`bench: ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
context.postgres.stop()

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
