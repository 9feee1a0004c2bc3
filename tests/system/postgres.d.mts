/** A running throwaway cluster (tests/system/postgres.mjs). */
export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  /** How long initdb and start took. */
  seconds: number
  /** Stops the server (`pg_ctl stop -m fast`) and removes its folder; safe to call twice. */
  stop(): void
}
/** The newest installed major version's bin folder, or undefined when the `postgresql` package is missing. */
export function findPostgresBin(): string | undefined
/** Starts a fresh cluster in a temporary folder on a free port (see postgres.mjs); `durable` for benches. */
export function startCluster(options?: { durable?: boolean }): Promise<Cluster>
