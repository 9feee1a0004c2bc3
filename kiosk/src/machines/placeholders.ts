/**
 * Stand-ins for a machine's effects. Each machine is defined once at module level with these in place
 * of its side effects; the wiring (`ui/wiring.ts`) or a test supplies the real ones with `.provide()`.
 * An effect that was never provided fails loudly instead of silently doing nothing.
 */
import {
  type AnyActorLogic,
  type EventObject,
  fromCallback,
  fromPromise,
  type NonReducibleUnknown,
} from 'xstate'

const notProvided = (name: string) => new Error(`effect '${name}' must be provided with .provide()`)

/** An actor that rejects when invoked without having been provided. */
export function actorPlaceholder<TOutput, TInput = NonReducibleUnknown>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw notProvided(name)
  })
}

/** A callback actor (one that runs until stopped) that throws when started without having been provided. */
export function callbackPlaceholder<TEvent extends EventObject, TInput = NonReducibleUnknown>(name: string) {
  return fromCallback<TEvent, TInput>(() => {
    throw notProvided(name)
  })
}

/** An action that throws when run without having been provided; `TParams` types its parameters. */
export function actionPlaceholder<TParams = undefined>(name: string) {
  return (_args: unknown, _params: TParams): void => {
    throw notProvided(name)
  }
}

/**
 * Actor logic that exists only later (a child machine whose module loads on demand): every call goes to the
 * logic `current()` returns at that moment, so the parent can name it now and invoke it once it is there.
 */
export function deferredLogic<T extends AnyActorLogic>(current: () => T): T {
  const logic: AnyActorLogic = {
    transition: (snapshot, event, scope) => current().transition(snapshot, event, scope),
    getInitialSnapshot: (scope, input) => current().getInitialSnapshot(scope, input),
    getPersistedSnapshot: (snapshot, options) => current().getPersistedSnapshot(snapshot, options),
    restoreSnapshot: (snapshot, scope) => {
      const target = current()
      return target.restoreSnapshot ? target.restoreSnapshot(snapshot, scope) : snapshot
    },
    start: (snapshot, scope) => current().start?.(snapshot, scope),
  }
  return logic as T
}

/** A child machine (any actor logic) that fails when invoked without having been provided. */
export function logicPlaceholder<T extends AnyActorLogic>(name: string): T {
  return deferredLogic<T>(() => {
    throw notProvided(name)
  })
}
