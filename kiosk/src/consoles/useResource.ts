/** Loads one GET route of the staff API and reloads it when its request or `reloadKey` changes. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { AnswerOf, AnyRoute } from '../../../mock-backend/src/contract'
import { type RouteCall, routePath } from '../../../mock-backend/src/contract/fetchRoute'
import type { StaffClient } from './staffClient'

/** The resource (kept while reloading), the last error and a manual reload. */
export function useResource<R extends AnyRoute>(
  client: StaffClient,
  route: R,
  input: RouteCall<R> = {},
  reloadKey: unknown = 0,
) {
  const [data, setData] = useState<AnswerOf<R> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const generation = useRef(0)
  // Callers pass a fresh input object each render: the request it makes (its URL) decides when to reload.
  const url = routePath(route, input.params, input.query)
  const request = useRef({ url, input })
  if (request.current.url !== url) request.current = { url, input }
  const stableInput = request.current.input
  const load = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const value = await client.call(route, stableInput)
      if (mine !== generation.current) return
      setData(value)
      setError(null)
    } catch (caught) {
      if (mine === generation.current) setError(caught)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [client, route, stableInput])
  // Deliberate deps: reloadKey is the explicit reload trigger
  useEffect(() => {
    void load()
  }, [load, reloadKey])
  return { data, error, loading, reload: load }
}
