/**
 * A spreadsheet cannot hold form fields, English guide texts or material translations, and admins often
 * upload only some columns. When a CSV row updates an item that is already published, whatever the CSV
 * cannot or did not say is carried over from the published item instead of being wiped.
 */
import type { CsvColumnKey } from './csv'
import type { ServiceItem } from './schema'

type Raw = Record<string, unknown>
type Localized = { zh: string; en: string }

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Columns named like the item field they fill, carried over whole when the file lacks the column. */
const SAME_NAME_COLUMNS = [
  'aliases',
  'keywords',
  'theme',
  'serviceObject',
  'identity',
  'servedFor',
  'needsPhone',
  'hardware',
  'timeLimit',
  'network',
  'status',
  'hot',
  'sort',
  'groups',
] as const satisfies readonly (CsvColumnKey & keyof ServiceItem)[]

/** Keeps the published English text when the Chinese text did not change. */
function keepEnglish(csv: unknown, published: Localized | undefined): unknown {
  if (!published || !isRecord(csv) || csv.zh !== published.zh || csv.en !== '') return csv
  return { ...csv, en: published.en }
}

/** Fills a converted CSV item from the published item with the same code; `has` tells which columns the file had. */
export function carryOver(item: Raw, published: ServiceItem, has: (key: CsvColumnKey) => boolean): Raw {
  const out: Raw = { ...item }
  const name = isRecord(item.name) ? item.name : { zh: '', en: '' }
  out.name = has('nameEn') ? keepEnglish(name, published.name) : { ...name, en: published.name.en }
  for (const key of SAME_NAME_COLUMNS) if (!has(key)) out[key] = published[key]

  const fee = isRecord(item.fee) ? item.fee : {}
  out.fee = {
    charged: has('feeCharged') || has('feeStandard') ? fee.charged : published.fee.charged,
    ...(has('feeStandard')
      ? fee.standard === undefined
        ? {}
        : { standard: keepEnglish(fee.standard, published.fee.standard) }
      : published.fee.standard
        ? { standard: published.fee.standard }
        : {}),
  }

  if (!has('materials')) out.materials = published.materials
  else if (Array.isArray(item.materials)) {
    const byName = new Map(published.materials.map((m) => [m.name.zh, m]))
    out.materials = item.materials.map((m) => {
      if (!isRecord(m) || !isRecord(m.name)) return m
      const old = byName.get(String(m.name.zh))
      return old ? { ...m, name: keepEnglish(m.name, old.name), copies: old.copies } : m
    })
  }

  const guide = isRecord(item.guide) ? item.guide : {}
  out.guide = {
    summary: has('guide') ? keepEnglish(guide.summary, published.guide.summary) : published.guide.summary,
    eligibility: has('eligibility')
      ? keepEnglish(guide.eligibility, published.guide.eligibility)
      : published.guide.eligibility,
    bring: published.guide.bring,
  }
  out.fields = published.fields
  if (item.extra === undefined && published.extra) out.extra = published.extra
  return out
}
