/**
 * Whether the attract button takes a tap before the session has its catalog. On a terminal whose note says a
 * catalog is stored (`storage/catalogFlag.ts`), the button is enabled at once instead of after IndexedDB's cold
 * open, and the tap waits for the catalog read; if the start finds no catalog after all, the button goes back to
 * waiting, as on a terminal that never had one.
 */
/** See the module comment. */
export interface CatalogGate {
  /** The note promised a stored catalog (the button may be enabled before the session has it). */
  expected: boolean
  /** Settles once the start found no catalog (or failed): from then on the note's promise is void. */
  broken: Promise<void>
  /** Resolves when the session has a catalog; rejects when the start settled without one. */
  untilCatalog(): Promise<void>
}

/** The gate for a session `actor` whose terminal start is `started`. */
export function createCatalogGate(deps: {
  expected: boolean
  /** The session actor, as far as the gate reads it. */
  actor: {
    getSnapshot(): { context: { terminalCatalog: unknown } }
    subscribe(listener: () => void): { unsubscribe(): void }
  }
  started: Promise<{ catalog: unknown }>
}): CatalogGate {
  const broken = deps.started.then(
    (result) => (result.catalog ? new Promise<void>(() => undefined) : undefined),
    () => undefined,
  )
  const hasCatalog = () => deps.actor.getSnapshot().context.terminalCatalog !== null
  return {
    expected: deps.expected,
    broken,
    untilCatalog: () =>
      new Promise<void>((resolve, reject) => {
        if (hasCatalog()) return resolve()
        const subscription = deps.actor.subscribe(() => {
          if (!hasCatalog()) return
          subscription.unsubscribe()
          resolve()
        })
        void broken.then(() => {
          subscription.unsubscribe()
          if (hasCatalog()) resolve()
          else reject(new Error('the terminal has no stored catalog'))
        })
      }),
  }
}
