/** UUIDs derived from a seed, for ids that must come out the same when asked again (a refund, a replayed order). */
import { createHash } from 'node:crypto'

/** A UUID in the version-4 layout derived from `seed`: the same seed always gives the same id. */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}
