/** Exact totals by construction: splitting a whole number over weights so the parts sum to it exactly. */

/**
 * Largest-remainder apportionment: `total` split in proportion to `weights`, every part a whole number and the
 * parts summing to exactly `total`. Ties go to the lower index, so the split is deterministic.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: ${total} is not a whole number ≥ 0`)
  const sum = weights.reduce((a, w) => a + w, 0)
  if (!(sum > 0) || weights.some((w) => !(w >= 0)))
    throw new Error('apportion: weights must be ≥ 0, not all 0')
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  const left = total - parts.reduce((a, p) => a + p, 0)
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; k < left; k++) parts[order[k]![1]]! += 1
  return parts
}

/**
 * Whether the `index`-th of `total` items (0-based) is one of `chosen` spread evenly over them: exactly `chosen`
 * of the indexes 0 … total−1 answer true, the same split as apportioning `chosen` over `total` equal weights.
 */
export function chosenEvenly(index: number, chosen: number, total: number): boolean {
  if (!(chosen >= 0 && chosen <= total)) throw new Error(`chosenEvenly: ${chosen} of ${total}`)
  return Math.floor(((index + 1) * chosen) / total) > Math.floor((index * chosen) / total)
}
