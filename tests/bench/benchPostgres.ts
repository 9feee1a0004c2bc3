/**
 * PostgreSQL for `npm run bench`: the server named by TEST_DATABASE_URL, or else one throwaway cluster
 * (tests/system/postgres.mjs, durable settings) started the first time a bench asks for it and stopped by run.ts
 * when the run ends; each bench takes a fresh database of its own on it and drops it afterwards.
 */
import { createDatabaseOn } from '../fixtures/node/backend/postgresDatabase'
import { type Cluster, startCluster } from '../system/postgres.mjs'

/** The PostgreSQL server of one bench run: started on first use, stopped once at the end. */
export interface BenchPostgres {
  /** The server's URL (postgres://…/postgres), starting the throwaway cluster on the first call. */
  serverUrl(): Promise<string>
  /** Stops the cluster this run started (nothing when TEST_DATABASE_URL named the server). */
  stop(): void
}

/** What run.ts passes to every bench. */
export interface BenchContext {
  postgres: BenchPostgres
}

/** A BenchPostgres for this run; `givenUrl` is TEST_DATABASE_URL as run.ts read it. */
export function benchPostgres(givenUrl: string | undefined): BenchPostgres {
  let cluster: Promise<Cluster> | undefined
  return {
    async serverUrl() {
      if (givenUrl) return givenUrl
      cluster ??= startCluster({ durable: true }).then((c) => {
        console.error(`  PostgreSQL bench cluster started in ${c.seconds.toFixed(1)} s`)
        return c
      })
      return (await cluster).url
    },
    stop() {
      void cluster?.then((c) => c.stop())
    },
  }
}

/** Runs `fn` on a fresh database of the bench server and always drops it afterwards. */
export async function withBenchDatabase<T>(
  server: string,
  prefix: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const database = await createDatabaseOn(server, prefix)
  try {
    return await fn(database.url)
  } finally {
    await database.drop()
  }
}
