/**
 * `BENCH_PROVINCE_TERMINALS=N`: the one knob for a smaller look at the province benches (the daily-counts month
 * and the fleet's province phases); unset, the province's 20,000 terminals (PROVINCE_TERMINALS, defined once in
 * the fleet's province profile).
 */
import { PROVINCE_TERMINALS } from '../../mock-backend/src/fleet/province/profile'

export { PROVINCE_TERMINALS }

/** The terminals a province bench runs: BENCH_PROVINCE_TERMINALS (1 … 20,000), else all of them. */
export function benchProvinceTerminals(): number {
  const raw = process.env.BENCH_PROVINCE_TERMINALS
  if (raw === undefined) return PROVINCE_TERMINALS
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > PROVINCE_TERMINALS)
    throw new Error(`BENCH_PROVINCE_TERMINALS must be a whole number from 1 to ${PROVINCE_TERMINALS}`)
  return n
}

/** The note's remark when the knob made the run smaller, else nothing. */
export function smallerLook(terminals: number): string {
  return terminals === PROVINCE_TERMINALS ? '' : ` (BENCH_PROVINCE_TERMINALS: ${terminals} only)`
}
