/** Seconds in a day, the unit of the dashboard's time axes. */
export const DAY_SECONDS = 86_400

/**
 * x-axis range for a chart of whole days. A one-day range is a single x value, which uPlot 1.6 pads to
 * 86,400,000 s (~3 years) ahead of it; centre that day in a one-day window instead.
 */
export function dayAxisRange(xs: ArrayLike<number>, min: number, max: number): [number, number] {
  const only = xs.length === 1 ? xs[0] : undefined
  return only === undefined ? [min, max] : [only - DAY_SECONDS / 2, only + DAY_SECONDS / 2]
}
