/**
 * Stand-ins for a machine's effects. Each machine is defined once at module level with these in place
 * of its side effects; the wiring (`ui/wiring.ts`) or a test supplies the real ones with `.provide()`.
 * An effect that was never provided fails loudly instead of silently doing nothing.
 */
import { fromPromise, type NonReducibleUnknown } from 'xstate'

const notProvided = (name: string) => new Error(`effect '${name}' must be provided with .provide()`)

/** An actor that rejects when invoked without having been provided. */
export function actorPlaceholder<TOutput, TInput = NonReducibleUnknown>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw notProvided(name)
  })
}

/** An action that throws when run without having been provided; `TParams` types its parameters. */
export function actionPlaceholder<TParams = undefined>(name: string) {
  return (_args: unknown, _params: TParams): void => {
    throw notProvided(name)
  }
}
