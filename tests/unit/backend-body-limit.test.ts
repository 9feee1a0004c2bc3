/**
 * A body over the limit gets a readable 413 even from a client that streams it (no Content-Length): the
 * server reads the rest of the body, up to a cap, before answering, so the client never writes into a
 * closed socket (EPIPE) and always gets the JSON answer naming the problem.
 */
import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../mock-backend/src/contract/constants'
import { backendSession } from '../fixtures/node/backend/session'

const backend = backendSession({ signIn: ['terminal'] })

const CHUNK = new Uint8Array(64 * 1024).fill(0x20)

/** A body of `bytes` bytes, sent in 64 KB chunks with no Content-Length. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const n = Math.min(CHUNK.length, bytes - sent)
      controller.enqueue(CHUNK.subarray(0, n))
      sent += n
    },
  })
}

type Outcome = { status: number; body: unknown } | { failed: string }

async function postStreamed(bytes: number): Promise<Outcome> {
  try {
    const res = await fetch(`${backend.url}/api/terminal/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backend.terminal}`, 'content-type': 'application/json' },
      body: streamOf(bytes),
      duplex: 'half',
    } as RequestInit)
    return { status: res.status, body: await res.json() }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return { failed: cause?.code ?? cause?.message ?? String(error) }
  }
}

describe('a streamed body over the limit', () => {
  it('answers 500 streamed over-limit requests with a readable 413, none broken', async () => {
    const outcomes: Outcome[] = []
    const CONCURRENCY = 10
    for (let i = 0; i < 500; i += CONCURRENCY)
      outcomes.push(
        ...(await Promise.all(
          Array.from({ length: CONCURRENCY }, () => postStreamed(MAX_BODY_BYTES + 256 * 1024)),
        )),
      )
    const broken = outcomes.filter((o) => 'failed' in o)
    expect(broken).toEqual([])
    for (const o of outcomes)
      expect(o).toEqual({
        status: 413,
        body: { error: 'too_large', message: `body is larger than ${MAX_BODY_BYTES / 1024} KB` },
      })
  }, 120_000)

  it('still accepts a streamed body within the limit', async () => {
    const res = await fetch(`${backend.url}/api/terminal/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backend.terminal}`, 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ records: [] })]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toBe('validation')
  })
})
