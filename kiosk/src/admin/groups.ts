/** Terminal-group names as admins type them: "street-a, street-b" or "street-a 、street-b". */

/** Same rule as ServiceItem.groups in the catalog schema. */
export const GROUP_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/

/** Splits typed text into group names; `invalid` lists the names the schema would reject. */
export function parseGroups(text: string): { groups: string[]; invalid: string[] } {
  const names = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const groups: string[] = []
  const invalid: string[] = []
  for (const name of names) {
    if (!GROUP_PATTERN.test(name)) invalid.push(name)
    else if (!groups.includes(name)) groups.push(name)
  }
  return { groups, invalid }
}

/** Groups as the text an input shows. */
export function formatGroups(groups: readonly string[]): string {
  return groups.join(', ')
}

/** True when two group lists hold the same names, order ignored. */
export function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((g) => set.has(g))
}
