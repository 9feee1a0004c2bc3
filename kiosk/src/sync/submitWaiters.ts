/**
 * Residents waiting at the confirm screen for the department's answer: each waits for its record's
 * outcome from a sync run, for its time limit, or until a sync run fails as a whole, whichever is first.
 */
import type { SettledOutcome } from './syncEngine'

/** The waiting residents, by record key. */
export interface SubmitWaiters {
  /**
   * Registers a wait for `key`, runs `store` (nothing is promised before it resolved), then `kick`s a
   * sync and waits `waitMs()` at most. Resolves with the outcome, or null when there was none in time.
   */
  wait(
    key: string,
    steps: { store: () => Promise<void>; kick: () => void; waitMs: () => number },
  ): Promise<SettledOutcome | null>
  /** A sync run settled a record: its resident stops waiting with the outcome. */
  settled(key: string, outcome: SettledOutcome): void
  /** A sync run failed as a whole: nobody should keep waiting. */
  runFailed(): void
}

/** Creates the waiter registry (one per bridge). */
export function createSubmitWaiters(): SubmitWaiters {
  const waiters = new Map<string, (outcome: SettledOutcome) => void>()
  const runFailedListeners = new Set<() => void>()
  return {
    async wait(key, { store, kick, waitMs }) {
      let settle: (outcome: SettledOutcome) => void = () => undefined
      const answered = new Promise<SettledOutcome>((resolve) => {
        settle = resolve
      })
      waiters.set(key, settle)
      try {
        await store()
      } catch (error) {
        waiters.delete(key)
        throw error
      }
      let timer: ReturnType<typeof setTimeout> | undefined
      let giveUp: () => void = () => undefined
      const timedOut = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs())
        giveUp = () => resolve(null)
      })
      runFailedListeners.add(giveUp)
      kick()
      const outcome = await Promise.race([answered, timedOut])
      clearTimeout(timer)
      runFailedListeners.delete(giveUp)
      waiters.delete(key)
      return outcome
    },
    settled(key, outcome) {
      waiters.get(key)?.(outcome)
    },
    runFailed() {
      for (const listener of [...runFailedListeners]) listener()
    },
  }
}
