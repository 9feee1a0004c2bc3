/**
 * The mobile case page's data for one reference number: the case (progress, promised date, what to bring and
 * where, the appointment, the materials it carried and which were 电子证照 reused) or, for a payment or a printed
 * document that opens no case, that result. The link works until HANDOFF_VALID_DAYS after the case finished; a
 * payment or document is finished on its reference's day.
 */
import { addCalendarDays } from '../cases/calendar'
import type { CaseService } from '../cases/service'
import type { CatalogCache } from '../catalogCache'
import { type DepartmentResult, HANDOFF_VALID_DAYS, type MobileCaseAnswer } from '../contract'
import type { Storage } from '../db/storage'
import type { Fingerprints } from '../privacy/fingerprints'
import { shanghaiDay } from '../time'

/** A terminal's reference number carries its day: two letters, YYYYMMDD, five digits (departments/simulator.ts). */
const REFERENCE_DAY = /^[A-Z]{2}(\d{4})(\d{2})(\d{2})\d{5}$/

/** What reading a sheet needs. */
export interface CaseSheetSources {
  store: Storage
  cases: CaseService
  catalog: CatalogCache
  fingerprints: Fingerprints
}

/** The outcome of a read: the sheet, no such reference, or a link past its time. */
export type CaseSheetRead = { found: MobileCaseAnswer } | { missing: true } | { expired: string }

/** The last day a link works for something finished on `finishedDay`; null while it is open. */
export function lastValidDay(finishedDay: string | null): string | null {
  return finishedDay === null ? null : addCalendarDays(finishedDay, HANDOFF_VALID_DAYS)
}

/** The stored department result of the transaction with this reference (the first, as references are unique). */
async function storedResult(s: CaseSheetSources, reference: string): Promise<DepartmentResult | null> {
  const [row] = await s.store.transactionsByReference(reference)
  return row ? (JSON.parse(s.fingerprints.open(row.resultJson)) as DepartmentResult) : null
}

/** Reads the sheet of `reference` as of now. */
export async function readCaseSheet(s: CaseSheetSources, reference: string): Promise<CaseSheetRead> {
  // The case clock (FAKE_NOW in demos): the one that stamped the case's finish.
  const today = s.cases.today()
  await s.cases.refresh()
  const [row] = await s.cases.store.byNumber(reference)
  const result = await storedResult(s, reference)
  if (!row && !result) return { missing: true }
  const finishedDay = row
    ? row.finishedAt && shanghaiDay(row.finishedAt)
    : REFERENCE_DAY.test(reference)
      ? reference.replace(REFERENCE_DAY, '$1-$2-$3')
      : today
  const validUntil = lastValidDay(finishedDay)
  if (validUntil !== null && today > validUntil) return { expired: validUntil }
  const indexed = row ? (await s.catalog.active())?.items.get(row.itemCode) : undefined
  const view = row ? await s.cases.view(row) : null
  const place = result?.appointment?.place
  // In the item's order, as its guide lists them (a name the catalog no longer lists goes last, as stored).
  const listed = (indexed?.item.materials ?? []).map((l) => l.name)
  const at = (zh: string) => ((i) => (i < 0 ? listed.length : i))(listed.findIndex((n) => n.zh === zh))
  const materials = row
    ? (await s.store.materials.forRecord(row.transactionKey))
        .sort((a, b) => at(a.material) - at(b.material))
        .map((m) => ({
          name: listed[at(m.material)] ?? { zh: m.material, en: m.material },
          licence: m.licence,
        }))
    : []
  return {
    found: {
      reference,
      kind: row?.kind ?? result?.kind ?? '',
      item: view?.itemName ?? null,
      department: view?.departmentName ?? null,
      status: view?.status ?? null,
      history: view?.history ?? [],
      acceptedAt: view?.acceptedAt ?? null,
      limit: view ? { days: view.limit.days, unit: view.limit.unit } : null,
      dueDay: view?.dueDay ?? null,
      finishedAt: view?.finishedAt ?? null,
      overdue: view?.overdue ?? false,
      bring: indexed ? indexed.item.guide.bring : null,
      where: place ? { zh: place, en: place } : (view?.departmentName ?? null),
      appointment: result?.appointment ?? null,
      payment: result?.payment ? { amountFen: result.payment.amountFen } : null,
      document: result?.document ? { title: result.document.title, lines: result.document.lines } : null,
      materials,
      validUntil,
      supplement: view?.supplement
        ? {
            material: view.supplement.materialName,
            reason: view.supplement.reason,
            askedAt: view.supplement.askedAt,
            answeredAt: view.supplement.answeredAt,
          }
        : null,
    },
  }
}
