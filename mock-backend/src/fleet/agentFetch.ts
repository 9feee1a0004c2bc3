/**
 * A `fetch` over node:http with one keep-alive Agent, so a fleet of virtual terminals shares a bounded number of
 * connections (maxSockets) the way terminals behind one proxy would; the contract's `fetchRoute` runs over it.
 */
import { Agent, request } from 'node:http'

/** One request's longest wait for its answer; past it the call fails and the terminal retries. */
export const REQUEST_TIMEOUT_MS = 60_000

/** A keep-alive agent holding at most `sockets` connections. */
export function fleetAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets })
}

/** `fetch` (method, headers, string body) over `agent`; answers a standard Response. */
export function agentFetch(agent: Agent): typeof fetch {
  return ((input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    return send(agent, url, init).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      // A kept-alive socket the server closed as this request went out on it (its idle timeout ran out while the
      // fleet's event loop was busy): nothing reached the server, so the request is sent once more, on a new one.
      if (error.reusedSocket && error.code === 'ECONNRESET') return send(agent, url, init)
      throw error
    })
  }) as typeof fetch
}

/** One request over `agent`; an error says whether it went out on a reused socket. */
function send(agent: Agent, url: URL, init: RequestInit): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const headers = new Headers()
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') headers.set(name, value)
          const status = res.statusCode ?? 500
          const empty = status === 204 || status === 304 || chunks.length === 0
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }))
        })
      },
    )
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)))
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })))
    req.end(typeof init.body === 'string' ? init.body : undefined)
  })
}

/** True for a loopback URL (127.0.0.0/8, ::1, localhost): the only place the fleet sends traffic by default. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}
