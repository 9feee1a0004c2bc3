/**
 * The HTTP side both ingest floor servers share (ingestFloorServer.ts on SQLite, pgIngestFloorServer.ts on
 * PostgreSQL): node:http, JSON.parse of the batch, the store's one write, and the same answer shape the backend
 * gives, so the two floors differ only in their database.
 */
import { createServer } from 'node:http'

/** A batch's records as the floor reads them. */
export type FloorRecord = { key: string }

/** Listens on 127.0.0.1 (PORT, else any free port), prints `Floor: URL/`, and calls `stop` on SIGTERM. */
export function serveFloor(
  storeBatch: (records: FloorRecord[]) => void | Promise<void>,
  stop: () => void,
): void {
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      return
    }
    const parts: Buffer[] = []
    req.on('data', (chunk: Buffer) => parts.push(chunk))
    req.on('end', () => {
      const { records } = JSON.parse(Buffer.concat(parts).toString('utf8')) as { records: FloorRecord[] }
      Promise.resolve(storeBatch(records)).then(
        () => {
          const outcomes = records.map(
            (r) => `{"key":${JSON.stringify(r.key)},"status":"ok","replayed":false}`,
          )
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(`{"outcomes":[${outcomes.join(',')}]}`)
        },
        (error: unknown) => {
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: String(error) }))
        },
      )
    })
  })
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address()
    if (address && typeof address === 'object') console.log(`Floor: http://127.0.0.1:${address.port}/`)
  })
  process.on('SIGTERM', () => server.close(stop))
}
