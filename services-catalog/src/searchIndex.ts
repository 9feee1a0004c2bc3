/**
 * Builds the per-item search entries at import time so the kiosk can match "sbk" or "shebaoka"
 * without shipping a pinyin dictionary. Imported by the backend and the CLI only, never by the kiosk.
 */
import { pinyin } from 'pinyin-pro'
import type { SearchEntry, ServiceItem } from './schema'

/** Separates the fields of one search string; the schema documents it. */
export const SEARCH_FIELD_SEPARATOR = '\u0001'

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g
const NOT_ASCII_ALNUM = /[^a-z0-9]/g
const HAS_HAN = /\p{Script=Han}/u

const clean = (text: string) => text.replace(CONTROL_CHARS, ' ').trim().toLowerCase()

/** Full pinyin and initials of one text in one dictionary pass; Latin words and digits are kept whole. */
export function pinyinForms(text: string): { full: string; initials: string } {
  if (!HAS_HAN.test(text)) {
    const plain = clean(text).replace(NOT_ASCII_ALNUM, '')
    return { full: plain, initials: plain }
  }
  let full = ''
  let initials = ''
  for (const token of pinyin(text, { type: 'all', toneType: 'none', v: true, nonZh: 'consecutive' })) {
    if (token.isZh) {
      full += token.pinyin
      initials += token.pinyin.charAt(0)
    } else {
      full += token.origin
      initials += token.origin
    }
  }
  return {
    full: full.toLowerCase().replace(NOT_ASCII_ALNUM, ''),
    initials: initials.toLowerCase().replace(NOT_ASCII_ALNUM, ''),
  }
}

/** Full pinyin without tones or separators ("社保卡" → "shebaoka"); pinyin-pro picks polyphones by context. */
export const fullPinyin = (text: string): string => pinyinForms(text).full

/** Pinyin initials ("社保卡个人信息查询" → "sbkgrxxcx"); Latin words and digits are kept whole. */
export const pinyinInitials = (text: string): string => pinyinForms(text).initials

const joinNonEmpty = (parts: string[]) => parts.filter((p) => p.length > 0).join(SEARCH_FIELD_SEPARATOR)

/** One search entry for one item: lower-cased text, full pinyin and initials of its names and aliases. */
export function buildSearchEntry(item: ServiceItem): SearchEntry {
  const forms = [item.name.zh, ...item.aliases].map(pinyinForms)
  return {
    code: item.code,
    text: joinNonEmpty([item.name.zh, item.name.en, ...item.aliases, ...item.keywords].map(clean)),
    pinyin: joinNonEmpty(forms.map((f) => f.full)),
    initials: joinNonEmpty(forms.map((f) => f.initials)),
  }
}

/** The search entries of a whole catalog, in item order, published alongside it for the kiosk's search box. */
export function buildSearchIndex(items: ServiceItem[]): SearchEntry[] {
  return items.map(buildSearchEntry)
}
