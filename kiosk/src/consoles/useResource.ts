/** Loads one GET resource of the staff API and reloads it when `reloadKey` changes. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import type { StaffClient } from './staffClient'

/** The resource (kept while reloading), the last error and a manual reload. */
export function useResource<T>(client: StaffClient, path: string, reloadKey: unknown = 0) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const generation = useRef(0)
  const load = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const value = await client.get<T>(path)
      if (mine !== generation.current) return
      setData(value)
      setError(null)
    } catch (caught) {
      if (mine === generation.current) setError(caught)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [client, path])
  // Deliberate deps: reloadKey is the explicit reload trigger
  useEffect(() => {
    void load()
  }, [load, reloadKey])
  return { data, error, loading, reload: load }
}
