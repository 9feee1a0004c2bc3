/**
 * The fleet's keep-alive fetch survives the server closing an idle socket just as a request goes out on it: the
 * fleet's event loop can be busy for seconds (building a year of records) while the backend's 5 s keep-alive
 * timeout runs out, and a reused socket then ends without an answer ("socket hang up"), which stopped a whole run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { agentFetch, fleetAgent } from '../../mock-backend/src/fleet/agentFetch'

/** Blocks the event loop, as generating a profile does. */
function busy(ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) {
    // spin
  }
}

/**
 * A server in a process of its own (so the busy loop cannot hold its timers) closing idle sockets after 2 s. Its
 * answers say `Keep-Alive: timeout=2`, so the agent keeps a free socket for 1 s, a timer the busy loop holds too.
 */
const SERVER = `
  let requests = 0
  const server = require('node:http').createServer((req, res) => res.end('answer ' + ++requests + ' to ' + req.method))
  server.keepAliveTimeout = 2000
  server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

describe("the fleet's fetch", () => {
  let child: ChildProcess | undefined
  afterEach(() => {
    child?.kill()
  })

  it('sends a request again when its kept-alive socket was closed by the server while idle', {
    timeout: 20_000,
  }, async () => {
    child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
    const [port] = (await once(child.stdout!, 'data')) as [Buffer]
    const url = `http://127.0.0.1:${String(port).trim()}/`
    const agent = fleetAgent(1)
    const fetch = agentFetch(agent)
    try {
      expect(await (await fetch(url)).text()).toBe('answer 1 to GET')
      await new Promise((settled) => setTimeout(settled, 20))
      // The server closes the idle socket meanwhile; the client sees it only after the next request went out on it.
      busy(4000)
      const second = await fetch(url, { method: 'POST', body: '{}' })
      expect(await second.text()).toBe('answer 2 to POST')
    } finally {
      agent.destroy()
    }
  })

  it('still fails a request the server refuses on a new socket, naming the error', async () => {
    const fetch = agentFetch(fleetAgent(1))
    await expect(fetch('http://127.0.0.1:9/')).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
