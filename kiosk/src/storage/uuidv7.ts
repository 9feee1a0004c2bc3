/**
 * UUIDv7 (RFC 9562) idempotency keys: time-ordered, so the outbox and the backend sort them by
 * creation, and monotonic within one millisecond thanks to a 12-bit counter in rand_a.
 */

type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>

/** Makes a generator; `now` and `fill` are injectable for tests. */
export function createUuidV7Generator(
  now: () => number = Date.now,
  fill: RandomFill = (bytes) => {
    crypto.getRandomValues(bytes)
    return bytes
  },
): () => string {
  let lastMs = -1
  let counter = 0
  return () => {
    const random = fill(new Uint8Array(10))
    let ms = now()
    if (ms <= lastMs) {
      // Same millisecond (or the clock stepped back): keep order by counting up.
      ms = lastMs
      counter += 1
      if (counter > 0xfff) {
        ms += 1
        counter = ((random[0]! << 8) | random[1]!) & 0x7ff
      }
    } else {
      // New millisecond: random start in the lower half leaves room to count up.
      counter = ((random[0]! << 8) | random[1]!) & 0x7ff
    }
    lastMs = ms
    const bytes = new Uint8Array(16)
    let t = ms
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = t % 256
      t = Math.floor(t / 256)
    }
    bytes[6] = 0x70 | (counter >> 8)
    bytes[7] = counter & 0xff
    bytes[8] = 0x80 | (random[2]! & 0x3f)
    bytes.set(random.subarray(3, 10), 9)
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
}

/** The page-wide generator; one per page keeps keys monotonic. */
export const uuidv7: () => string = createUuidV7Generator()
