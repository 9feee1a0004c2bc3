/**
 * A raw TCP connection as a byte line (a network receipt printer on port 9100, JetDirect style).
 */
import { connect } from 'node:net'
import type { ByteLine } from './byteLine'

/** How long a connection attempt may take before the printer counts as unreachable. */
export const TCP_CONNECT_MS = 2000

/** Connects; rejects when the printer cannot be reached in time. */
export function openTcpLine(host: string, port: number): Promise<ByteLine & { closed(): boolean }> {
  return new Promise((resolve, reject) => {
    // No Nagle delay: a status query is 3 bytes and its answer 1; batching them would add tens of ms per line.
    const socket = connect({ host, port, noDelay: true })
    let closed = false
    socket.on('close', () => {
      closed = true
    })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no connection to ${host}:${port} within ${TCP_CONNECT_MS} ms`))
    }, TCP_CONNECT_MS)
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.on('error', () => socket.destroy())
      resolve({
        closed: () => closed,
        write: (bytes) =>
          new Promise((done, fail) => socket.write(bytes, (error) => (error ? fail(error) : done()))),
        onData(listener) {
          const handler = (chunk: Buffer) => listener(new Uint8Array(chunk))
          socket.on('data', handler)
          return () => socket.off('data', handler)
        },
        close: () =>
          new Promise((done) => {
            if (closed) return done()
            socket.end(() => done())
            setTimeout(() => {
              socket.destroy()
              done()
            }, 500)
          }),
      })
    })
  })
}
