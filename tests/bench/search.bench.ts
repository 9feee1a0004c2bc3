/** Kiosk search figures: per-keystroke query time over 10,000 items with the kiosk's own search module. */

import { buildSearchIndex } from '../../kiosk/src/search/searchIndex'
import type { SearchEntry } from '../../services-catalog/src/schema'
import { buildSearchIndex as buildCatalogSearch } from '../../services-catalog/src/searchIndex'
import { loadDefaultCatalog } from './benchData'
import { atMost, type Figure, percentile, round } from './figures'

/** What residents type, in pinyin initials, full pinyin, Chinese and Latin, each typed char by char. */
export const TYPED_QUERIES = [
  's',
  'sbk',
  'shebao',
  'geshui',
  'yb',
  '社保',
  '医保卡',
  'hukou',
  'gjj',
  '公积金提取',
  'jsz',
]

const ENTRIES = 10_000
const ROUNDS = 5

/** 10,000 entries: the default catalog's search entries repeated with unique codes. */
export function syntheticEntries(count = ENTRIES): SearchEntry[] {
  const base = buildCatalogSearch(loadDefaultCatalog().items)
  return Array.from({ length: count }, (_, i) => {
    const entry = base[i % base.length]!
    return { ...entry, code: `${entry.code}-${Math.floor(i / base.length)}` }
  })
}

/** Every prefix of every query, in typing order ("s", "sb", "sbk", …). */
export function keystrokes(queries: readonly string[] = TYPED_QUERIES): string[] {
  return queries.flatMap((q) => [...q].map((_, i) => [...q].slice(0, i + 1).join('')))
}

/** Times each keystroke's query over `rounds` rounds, after one untimed warm-up round (a kiosk runs for days). */
export function timeKeystrokes(
  query: (text: string) => unknown,
  strokes: readonly string[],
  rounds = ROUNDS,
): number[] {
  for (const text of strokes) query(text)
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const text of strokes) {
      const started = performance.now()
      query(text)
      samples.push(performance.now() - started)
    }
  }
  return samples
}

/** Builds the index over 10,000 entries and reports p95/max per keystroke in Node. */
export async function searchFigures(): Promise<Figure[]> {
  const entries = syntheticEntries()
  const started = performance.now()
  const index = buildSearchIndex(entries)
  const buildMs = performance.now() - started
  const strokes = keystrokes()
  if (index.query('sbk').length === 0)
    throw new Error('kiosk search found nothing for "sbk" in the default catalog')
  const samples = timeKeystrokes((text) => index.query(text), strokes)
  return [
    atMost(
      'kiosk.search.p95',
      round(percentile(samples, 95), 2),
      'ms',
      10,
      `Node; ${samples.length} keystrokes (${strokes.length} × ${ROUNDS}, after a warm-up round) over ${ENTRIES} entries; median ${round(percentile(samples, 50), 2)} ms, max ${round(Math.max(...samples), 2)} ms`,
    ),
    { name: 'kiosk.searchIndex.build.10000', value: round(buildMs, 1), unit: 'ms', note: 'Node, kiosk side' },
  ]
}
