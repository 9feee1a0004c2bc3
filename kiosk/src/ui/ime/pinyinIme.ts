/**
 * The pinyin input method behind the on-screen Chinese keyboard: finds the characters for what the
 * resident typed so far (a full syllable, or a syllable prefix like "zh"), most common first.
 */

/** Syllable → characters, parsed once from the generated table. */
export type PinyinTable = ReadonlyMap<string, readonly string[]>

/** Parses "a:啊阿|ai:爱…" into a map. */
export function parsePinyinTable(source: string): PinyinTable {
  const table = new Map<string, string[]>()
  for (const entry of source.split('|')) {
    const colon = entry.indexOf(':')
    if (colon > 0) table.set(entry.slice(0, colon), Array.from(entry.slice(colon + 1)))
  }
  return table
}

/** Candidates for the start of the buffer and how many buffer letters picking one consumes. */
export interface Candidates {
  consumed: number
  chars: string[]
}

const MAX_SYLLABLE = 6
const PREFIX_LIMIT = 80

/**
 * A whole syllable lists its characters (then those of longer syllables it starts, "xia" → 下… 先…);
 * a bare prefix ("zh") lists all its syllables; otherwise the longest syllable at the start is used
 * ("guangz" → 广…), and picking a character consumes just that syllable.
 */
export function candidatesFor(buffer: string, table: PinyinTable): Candidates {
  const typed = buffer.toLowerCase().replace(/[^a-z]/g, '')
  if (!typed) return { consumed: 0, chars: [] }
  const exact = table.get(typed)
  if (exact)
    return { consumed: typed.length, chars: [...exact, ...prefixChars(typed, table, new Set(exact))] }
  if (isSyllablePrefix(typed, table))
    return { consumed: typed.length, chars: prefixChars(typed, table, new Set()) }
  for (let length = Math.min(MAX_SYLLABLE, typed.length - 1); length > 0; length--) {
    const chars = table.get(typed.slice(0, length))
    if (chars) return { consumed: length, chars: [...chars] }
  }
  return { consumed: 0, chars: [] }
}

function isSyllablePrefix(typed: string, table: PinyinTable): boolean {
  for (const syllable of table.keys()) if (syllable.startsWith(typed)) return true
  return false
}

/** The first characters of every syllable starting with the prefix, interleaved so each syllable shows early. */
function prefixChars(prefix: string, table: PinyinTable, seen: Set<string>): string[] {
  const lists = [...table.entries()]
    .filter(([s]) => s.startsWith(prefix) && s !== prefix)
    .map(([, chars]) => chars)
  const out: string[] = []
  for (let i = 0; out.length < PREFIX_LIMIT && lists.some((l) => i < l.length); i++) {
    for (const list of lists) {
      const c = list[i]
      if (c && !seen.has(c)) {
        seen.add(c)
        out.push(c)
      }
    }
  }
  return out.slice(0, PREFIX_LIMIT)
}

/** True when a catalog pattern only admits ASCII, so the keyboard should start in letter mode. */
export function prefersLatin(pattern: string | undefined): boolean {
  return pattern !== undefined && !/\p{Script=Han}/u.test(pattern)
}
