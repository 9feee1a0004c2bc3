/**
 * Where a DATABASE_URL points, as the startup banner prints it: user, host, port and database, never the password
 * or the query string (which may carry one), so the banner can be pasted into a ticket.
 */

/** `PostgreSQL user@host:port/database` for a postgres:// URL (config.ts has already checked its scheme). */
export function postgresLabel(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  const user = url.username ? `${decodeURIComponent(url.username)}@` : ''
  const port = url.port ? `:${url.port}` : ''
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)'
  return `PostgreSQL ${user}${url.hostname || 'localhost'}${port}/${database}`
}
