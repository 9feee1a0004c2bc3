/** Subscribes a component to an XState actor, so screens re-render on every snapshot. */
import { useEffect, useState } from 'preact/hooks'
import type { AnyActorRef, SnapshotFrom } from 'xstate'

/** The actor's latest snapshot (re-renders on change). */
export function useActorSnapshot<T extends AnyActorRef>(actor: T): SnapshotFrom<T> {
  const [snapshot, setSnapshot] = useState<SnapshotFrom<T>>(actor.getSnapshot())
  useEffect(() => {
    setSnapshot(actor.getSnapshot())
    const subscription = actor.subscribe((next: SnapshotFrom<T>) => setSnapshot(next))
    return () => subscription.unsubscribe()
  }, [actor])
  return snapshot
}
