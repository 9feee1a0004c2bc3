/**
 * The kiosk's one rule for a part it imports on first use: load it once and share that load, but forget a failed
 * load, so a chunk that could not be fetched (offline before the service worker cached it) is tried again on the
 * next use instead of staying broken until the terminal restarts.
 */
export function lazyOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null
  return () => {
    if (loading) return loading
    const started = load()
    loading = started
    started.catch(() => {
      if (loading === started) loading = null
    })
    return started
  }
}
