/** Subscribes a component to an XState actor, so screens re-render when what they show changes. */
import { useEffect, useState } from 'preact/hooks'
import type { AnyActorRef, SnapshotFrom } from 'xstate'

/** The parts of a snapshot a screen can render from. */
interface Visible {
  status?: unknown
  value?: unknown
  context?: unknown
  children?: Record<string, unknown>
}

function sameChildren(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/**
 * True when a new snapshot shows nothing new. Every touch re-enters the idle timer state
 * (`user.activity`), which emits a snapshot with the same value and context: re-rendering the whole
 * tree for it would delay the tap that follows the touch.
 */
export function sameSnapshot(a: Visible, b: Visible): boolean {
  return (
    a === b ||
    (a.status === b.status &&
      a.context === b.context &&
      sameChildren(a.children, b.children) &&
      JSON.stringify(a.value) === JSON.stringify(b.value))
  )
}

/** The actor's latest snapshot (re-renders only when value, context, status or children change). */
export function useActorSnapshot<T extends AnyActorRef>(actor: T): SnapshotFrom<T> {
  const [snapshot, setSnapshot] = useState<SnapshotFrom<T>>(actor.getSnapshot())
  useEffect(() => {
    let shown = actor.getSnapshot() as SnapshotFrom<T>
    setSnapshot(shown)
    const subscription = actor.subscribe((next: SnapshotFrom<T>) => {
      if (sameSnapshot(shown as Visible, next as Visible)) return
      shown = next
      setSnapshot(next)
    })
    return () => subscription.unsubscribe()
  }, [actor])
  return snapshot
}
