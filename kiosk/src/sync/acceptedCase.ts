/**
 * The case a delivered 申办/预约 opened, as far as the terminal knows it at that moment (已受理, number
 * from the department's receipt), so it can be shown offline before the terminal ever looked it up.
 */
import type { CaseView, DepartmentResult, TransactionRecord } from '../../../mock-backend/src/contract'
import { CASE_KINDS } from '../../../mock-backend/src/contract/constants'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'

/**
 * The accepted case of a delivered record, or null when the item is not a case kind. The promised
 * due day needs the holiday calendar, which only the backend has: it stays '' until a lookup fills it.
 */
export function acceptedCaseView(
  record: Pick<TransactionRecord, 'key' | 'itemCode'>,
  result: DepartmentResult,
  catalog: PublishedCatalog | null,
  at: Date,
): CaseView | null {
  if (!CASE_KINDS.has(result.kind) || !result.reference) return null
  const item = catalog?.items.find((i) => i.code === record.itemCode)
  const department = item ? catalog?.departments.find((d) => d.code === item.department) : undefined
  const acceptedAt = at.toISOString()
  const limit = item?.timeLimit ?? { days: 0, unit: '工作日' }
  return {
    transactionKey: record.key,
    caseNumber: result.reference.toUpperCase(),
    itemCode: record.itemCode,
    itemName: item ? { zh: item.name.zh, en: item.name.en } : { zh: record.itemCode, en: record.itemCode },
    kind: result.kind,
    departmentName: department
      ? { zh: department.name.zh, en: department.name.en }
      : { zh: item?.department ?? '', en: item?.department ?? '' },
    acceptedAt,
    limit: { days: limit.days, unit: limit.unit, immediate: limit.days === 0 },
    dueDay: '',
    calendarCovered: true,
    status: '已受理',
    history: [{ status: '已受理', at: acceptedAt }],
    finishedAt: null,
    overdue: false,
    rated: false,
  }
}
