/**
 * The 好差评 scheme's one definition of good and bad, shared by the backend's reports and supervision and the
 * ops console, so 好评率 means the same everywhere: levels 1–2 (非常不满意, 不满意) are 差评 and open a
 * 差评整改 follow-up; 3–5 (基本满意, 满意, 非常满意) count as 好评, as the centre's annual report counts them.
 */

/** Counts per level, as counters and daily-count rows carry them. */
export interface RatingCounts {
  rating1: number
  rating2: number
  rating3: number
  rating4: number
  rating5: number
}

/** The highest level that is a 差评. */
export const BAD_RATING_MAX_LEVEL = 2

/** A 差评 opens a follow-up due in 15 working days. */
export function isBadRating(level: number): boolean {
  return level <= BAD_RATING_MAX_LEVEL
}

/** 好评率 = (基本满意 + 满意 + 非常满意) ÷ all ratings; null when nobody rated. */
export function goodRateOf(r: RatingCounts): number | null {
  const all = r.rating1 + r.rating2 + r.rating3 + r.rating4 + r.rating5
  return all > 0 ? (r.rating3 + r.rating4 + r.rating5) / all : null
}
