/**
 * Checks a district's candidate overlay against the active province catalog (#15): the additions file through the
 * same importer and item validator as the province catalog, plus the overlay's own rules — an addition may not use
 * a province item's code, and only a code the province catalog holds can be withdrawn. Never throws on bad input.
 */
import { importCatalogFile } from '../../../services-catalog/src/importCatalog'
import { error, type ImportReport, type Problem } from '../../../services-catalog/src/problems'
import type { Catalog } from '../../../services-catalog/src/schema'
import type { CatalogOverlay } from '../db/overlayRows'

/** The candidate as the route decoded it: the additions file's bytes, null for none, absent to keep the active ones. */
export interface OverlayCandidateInput {
  file?: { name: string; bytes: Uint8Array } | null
  withdrawals: readonly string[]
}

/** What the check found; `overlay` is publishable only when `ok`. */
export interface OverlayCheck {
  ok: boolean
  import: ImportReport | null
  problems: Problem[]
  overlay: CatalogOverlay | null
}

/** The problems of additions kept from the active overlay: a province item may have taken one's code since. */
function keptAdditionProblems(kept: CatalogOverlay, provinceCodes: ReadonlySet<string>): Problem[] {
  return kept.additions.flatMap((item, i) =>
    provinceCodes.has(item.code)
      ? [
          error(
            'addition_is_province_item',
            i + 1,
            'code',
            `本区县现有新增事项 “${item.code}” 的编码已在全省事项清单中：请上传不含该事项的新增文件`,
            `the district's current addition "${item.code}" now has a province item's code: upload additions without it`,
          ),
        ]
      : [],
  )
}

/** Checks a candidate against the province catalog; `current` is the district's active overlay (if any). */
export function checkOverlay(
  input: OverlayCandidateInput,
  province: Catalog,
  current: CatalogOverlay | undefined,
): OverlayCheck {
  const provinceCodes = new Set(province.items.map((i) => i.code))
  const problems: Problem[] = []
  let report: ImportReport | null = null
  let additions: Pick<CatalogOverlay, 'additions' | 'departments'> | null
  if (input.file) {
    report = importCatalogFile(input.file.bytes, {
      fileName: input.file.name,
      departments: province.departments,
      provinceCodes,
    })
    problems.push(...report.problems)
    const provinceDepartments = new Set(province.departments.map((d) => d.code))
    additions = report.catalog && {
      additions: report.catalog.items,
      departments: report.catalog.departments.filter((d) => !provinceDepartments.has(d.code)),
    }
  } else {
    const kept = (input.file === undefined && current) || { departments: [], additions: [], withdrawals: [] }
    problems.push(...keptAdditionProblems(kept, provinceCodes))
    additions = { additions: kept.additions, departments: kept.departments }
  }
  const withdrawals = [...new Set(input.withdrawals)].sort()
  for (const code of withdrawals)
    if (!provinceCodes.has(code))
      problems.push(
        error(
          'unknown_withdrawal',
          null,
          'withdrawals',
          `全省事项清单中没有事项编码 “${code}”，无法撤下`,
          `the province catalog has no item "${code}" to withdraw`,
        ),
      )
  const ok = additions !== null && !problems.some((p) => p.severity === 'error')
  return {
    ok,
    import: report,
    problems,
    overlay: ok && additions ? { ...additions, withdrawals } : null,
  }
}
