/** Detects the hidden maintenance gesture: N taps within a time window on one spot. */

/** Returns a `tap(now)` function that is true on the tap completing the gesture. */
export function createTapCounter(taps = 5, windowMs = 3000): (now: number) => boolean {
  let times: number[] = []
  return (now) => {
    times = [...times.filter((t) => now - t < windowMs), now]
    if (times.length >= taps) {
      times = []
      return true
    }
    return false
  }
}
