/**
 * Item search on the terminal over the catalog's precomputed SearchEntry list (text, pinyin and
 * initials), so the kiosk answers "sbk" → 社保卡… without shipping a pinyin dictionary.
 */
import type { SearchEntry } from '../../../services-catalog/src/schema'

const SEPARATOR = '\u0001'

/** One entry as searched: each field is "\u0001part\u0001part…", lower-cased and without spaces. */
interface IndexedEntry {
  code: string
  text: string
  pinyin: string
  initials: string
}

/** A prepared, immutable search index; build once per catalog version. */
export interface SearchIndex {
  readonly size: number
  /** Item codes best first; an empty query answers nothing. */
  query(raw: string, limit?: number): string[]
}

/** Normalises what the resident typed (and what is searched): lower case, no spaces or apostrophes. */
export function normaliseQuery(raw: string): string {
  return raw.toLowerCase().replace(/[\s'’]/g, '')
}

const prepare = (joined: string) =>
  `${SEPARATOR}${joined.split(SEPARATOR).map(normaliseQuery).filter(Boolean).join(SEPARATOR)}`

/** Separates entries in a haystack; never typed, so no match spans two entries. */
const ENTRY_BREAK = '\u0002'

/** All entries' strings of one kind in one string, with each entry's start offset. */
interface Haystack {
  text: string
  starts: Int32Array
}

function haystack(entries: IndexedEntry[], pick: (entry: IndexedEntry) => string): Haystack {
  const starts = new Int32Array(entries.length + 1)
  const parts: string[] = []
  let length = 0
  entries.forEach((entry, i) => {
    starts[i] = length
    const part = `${pick(entry)}${ENTRY_BREAK}`
    parts.push(part)
    length += part.length
  })
  starts[entries.length] = length
  return { text: parts.join(''), starts }
}

/** Index of the entry containing position `pos` (binary search over start offsets). */
function entryAt(hay: Haystack, pos: number): number {
  let lo = 0
  let hi = hay.starts.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((hay.starts[mid] ?? 0) <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Builds the index; entries keep the catalog's own order (sort, hot items) as the tie-breaker.
 * Ranking, best first: 0 initials prefix, 1 name/pinyin prefix, 2 substring of names/aliases/
 * keywords/pinyin, 3 initials substring. Each rank is one pass of native `indexOf` jumps over a
 * combined haystack, and the search stops as soon as `limit` results are known.
 */
export function buildSearchIndex(entries: readonly SearchEntry[]): SearchIndex {
  const indexed: IndexedEntry[] = entries.map((entry) => ({
    code: entry.code,
    text: prepare(entry.text),
    pinyin: prepare(entry.pinyin),
    initials: prepare(entry.initials),
  }))
  const initials = haystack(indexed, (e) => e.initials)
  const names = haystack(indexed, (e) => `${e.text}${e.pinyin}`)

  return {
    size: indexed.length,
    query(raw, limit = 40) {
      const q = normaliseQuery(raw).replaceAll(SEPARATOR, '').replaceAll(ENTRY_BREAK, '')
      if (!q || limit <= 0) return []
      const pq = SEPARATOR + q
      const passes: Array<[Haystack, string]> = [
        [initials, pq],
        [names, pq],
        [names, q],
        [initials, q],
      ]
      const taken = new Uint8Array(indexed.length)
      const out: string[] = []
      for (const [hay, needle] of passes) {
        const found: number[] = []
        let pos = hay.text.indexOf(needle)
        while (pos !== -1 && out.length + found.length < limit) {
          const i = entryAt(hay, pos)
          if (!taken[i]) found.push(i)
          pos = hay.text.indexOf(needle, hay.starts[i + 1] ?? hay.text.length)
        }
        // Entries already taken by a better-ranked pass were skipped above; the rest keep catalog order.
        for (const i of found) {
          taken[i] = 1
          out.push(indexed[i]?.code ?? '')
        }
        if (out.length >= limit) break
      }
      return out
    },
  }
}
