/**
 * Which district a terminal's counters of a day stand in, stated once for both stores. A counter row keeps the
 * district it was first written in (a terminal moved later keeps that day where it began, and a later push of
 * the same absolute value must max-merge into the same row, not count again elsewhere); a day with no row yet
 * takes the district the terminal stands in now. Quarantine and floors of a day stand beside its counters.
 */

/** The days of a push grouped by the district their rows go to: `found` (a day's existing rows), else `current`. */
export function daysByDistrict(
  days: readonly string[],
  found: ReadonlyMap<string, string>,
  current: string,
): Map<string, string[]> {
  const grouped = new Map<string, string[]>()
  for (const day of new Set(days)) {
    const district = found.get(day) ?? current
    const list = grouped.get(district)
    if (list) list.push(day)
    else grouped.set(district, [day])
  }
  return grouped
}

/** The district each day goes to, from `daysByDistrict`'s grouping. */
export function districtOfDay(grouped: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const of = new Map<string, string>()
  for (const [district, days] of grouped) for (const day of days) of.set(day, district)
  return of
}
