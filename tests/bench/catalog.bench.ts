/** Catalog figures: importing a 5,000-row CSV as admins upload it, and building its search index. */
import { catalogToCsv } from '../../services-catalog/src/csvExport'
import { importCatalogFile } from '../../services-catalog/src/importCatalog'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { loadDefaultCatalog, scaleCatalog } from './benchData'
import { atMost, type Figure, median, round } from './figures'

const ROWS = 5000
const RUNS = 3

/** Times `importCatalogFile` on a 5,000-row UTF-8 CSV and `buildSearchIndex` on the 5,000 imported items. */
export async function catalogFigures(): Promise<Figure[]> {
  const base = loadDefaultCatalog()
  const csv = new TextEncoder().encode(catalogToCsv(scaleCatalog(base, ROWS), { bom: true }))
  const importMs: number[] = []
  let report: ReturnType<typeof importCatalogFile> | undefined
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    report = importCatalogFile(csv, { fileName: 'catalog-5000.csv', departments: base.departments })
    importMs.push(performance.now() - started)
    console.error(`  catalog import run ${run + 1}: ${importMs.at(-1)!.toFixed(0)} ms`)
  }
  if (!report?.catalog || report.summary.items !== ROWS) {
    const first = report?.problems.find((p) => p.severity === 'error')
    throw new Error(
      `the 5,000-row CSV did not import cleanly: ${report?.summary.items ?? 0} items, first error: ${first?.message.en ?? 'none'}`,
    )
  }
  const items = report.catalog.items
  const indexMs: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const index = buildSearchIndex(items)
    indexMs.push(performance.now() - started)
    if (index.length !== items.length) throw new Error('buildSearchIndex lost entries')
  }
  const kb = round(csv.length / 1024, 0)
  return [
    atMost(
      'catalog.import.5000rows',
      round(median(importMs), 0),
      'ms',
      2000,
      `median of ${RUNS}, UTF-8 CSV ${kb} kB, ${report.summary.warnings} warnings`,
    ),
    {
      name: 'catalog.searchIndex.5000',
      value: round(median(indexMs), 0),
      unit: 'ms',
      note: `median of ${RUNS}, pinyin-pro full + initials for names and aliases`,
    },
  ]
}
