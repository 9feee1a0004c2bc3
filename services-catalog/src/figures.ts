/**
 * The figures of a daily-counts row, defined once for the backend's reports (JSON, columns layout, CSV) and the
 * ops console: which figures a row carries and in what order, which are counted (summed across rows and days)
 * and which are derived, and the one formula of each derived figure. 好评率's rule itself lives in rating.ts.
 * Adding a figure is a change to FIGURES (and, when derived, to DERIVED_FIGURES).
 */
import { goodRateOf, type RatingCounts } from './rating'

/** Every figure of a report row, in the order rows (and their JSON) carry them. */
export const FIGURES = [
  'sessions',
  'transactions',
  'views',
  'starts',
  'completions',
  'abandons',
  'completionRate',
  'ratings',
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
  'goodRate',
] as const
/** One figure's name. */
export type Figure = (typeof FIGURES)[number]

/** The figures computed from the counted ones, never summed. */
export const DERIVED_FIGURES = ['completionRate', 'ratings', 'goodRate'] as const
/** One derived figure's name. */
export type DerivedFigure = (typeof DERIVED_FIGURES)[number]
/** A figure that is counted and summed as it is. */
export type CountedFigure = Exclude<Figure, DerivedFigure>

/** The derived figures that are shares (0–1): compared in percentage points, printed as percentages. */
export const RATE_FIGURES: ReadonlySet<Figure> = new Set<Figure>(['completionRate', 'goodRate'])

const isCounted = (f: Figure): f is CountedFigure => !(DERIVED_FIGURES as readonly string[]).includes(f)
/** The counted figures, in row order: the numbers of the `layout=columns` answer, after the key index. */
export const COUNTED_FIGURES: readonly CountedFigure[] = FIGURES.filter(isCounted)

/** The counted figures of one row or total. */
export type CountedFigures = Record<CountedFigure, number>

/** The figures of one row (and of the totals). */
export interface Figures extends CountedFigures {
  /** 办结率: completions ÷ starts (of the services started, the share completed); null without starts. */
  completionRate: number | null
  /** Every rating, whatever its level. */
  ratings: number
  /** 好评率 (rating.ts); null when nobody rated. */
  goodRate: number | null
}

/**
 * 办结率: completions ÷ starts — of the services residents started, the share completed.
 * (Not ÷ transactions: a completed 查询 sends no transaction, so that ratio could pass 100 %.)
 */
export function completionRateOf(f: { starts: number; completions: number }): number | null {
  return f.starts > 0 ? f.completions / f.starts : null
}

/** How many ratings were given, whatever the level. */
export function ratingsOf(r: RatingCounts): number {
  return r.rating1 + r.rating2 + r.rating3 + r.rating4 + r.rating5
}

/** The one formula of each derived figure, from the counted ones. */
export const DERIVED_FORMULAS: Readonly<Record<DerivedFigure, (f: CountedFigures) => number | null>> = {
  completionRate: completionRateOf,
  ratings: ratingsOf,
  goodRate: goodRateOf,
}

const ZERO: Readonly<Figures> = Object.freeze(
  Object.fromEntries(FIGURES.map((name) => [name, isCounted(name) ? 0 : null])) as unknown as Figures,
)

/** All-zero figures (rates null), in row order: the start of every sum. */
export const emptyFigures = (): Figures => ({ ...ZERO })

/** Fills the derived figures from the counted ones (in place), for reports, the cache and the CSV alike. */
export function finishFigures<T extends Figures>(f: T): T {
  f.ratings = ratingsOf(f)
  f.goodRate = goodRateOf(f)
  f.completionRate = completionRateOf(f)
  return f
}
