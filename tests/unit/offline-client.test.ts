import { describe, expect, it } from 'vitest'
import { BackendError, createBackendClient, type FailureKind } from '../../kiosk/src/sync/backendClient'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { createFakeBackend, DEMO_IDENTITY, sampleCatalog } from '../fixtures/node/offline/fakeBackend'

function client(timeoutMs = 15_000) {
  const backend = createFakeBackend()
  const transport: Array<FailureKind | null> = []
  let token: string | null = DEMO_IDENTITY.token
  const c = createBackendClient({
    fetchImpl: backend.fetch,
    timeoutMs,
    getToken: () => token,
    onTransport: (f) => transport.push(f),
  })
  return { backend, client: c, transport, setToken: (t: string | null) => (token = t) }
}

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BackendError) return error
    throw error
  }
  throw new Error('expected a BackendError')
}

describe('backend client', () => {
  it('sends the API version and the terminal token', async () => {
    const { backend, client: c } = client()
    await c.postCounters([])
    expect(backend.requests[0]?.headers).toMatchObject({
      'x-api-version': String(API_VERSION),
      authorization: `Bearer ${DEMO_IDENTITY.token}`,
      'content-type': 'application/json',
    })
  })

  it('enrols with a one-time code and refuses a used one as permanent', async () => {
    const { backend, client: c } = client()
    backend.state.enrolCodes.add('ABC12345')
    expect(await c.enrol('ABC12345')).toEqual(DEMO_IDENTITY)
    const error = await failure(c.enrol('ABC12345'))
    expect(error).toMatchObject({ kind: 'http', status: 400, code: 'enrol_code', retryable: false })
  })

  it('downloads the catalog with its ETag and understands 304 and no_catalog', async () => {
    const { backend, client: c } = client()
    expect(await c.getCatalog(null)).toEqual({ status: 'none' })
    backend.state.catalog = sampleCatalog(3)
    const first = await c.getCatalog(null)
    expect(first).toMatchObject({ status: 'ok', etag: '"v3"', catalog: { version: 3 } })
    expect(await c.getCatalog('"v3"')).toEqual({ status: 'notModified' })
    expect(backend.requests.at(-1)?.headers['if-none-match']).toBe('"v3"')
  })

  it('classifies network errors, timeouts and HTTP statuses', async () => {
    const { backend, client: c, transport } = client(30)
    backend.fail('network')
    expect(await failure(c.postCounters([]))).toMatchObject({ kind: 'network', retryable: true })
    backend.fail('timeout')
    expect(await failure(c.postCounters([]))).toMatchObject({ kind: 'timeout', retryable: true })
    backend.fail(429)
    expect(await failure(c.postCounters([]))).toMatchObject({ kind: 'http', status: 429, retryable: true })
    backend.fail(503)
    expect(await failure(c.postCounters([]))).toMatchObject({ kind: 'http', status: 503, retryable: true })
    backend.fail(400)
    expect(await failure(c.postCounters([]))).toMatchObject({ kind: 'http', status: 400, retryable: false })
    expect(transport).toEqual(['network', 'timeout', null, null, null])
  })

  it('reports a missing token as a permanent 401', async () => {
    const { client: c, setToken } = client()
    setToken(null)
    expect(await failure(c.getCatalog(null))).toMatchObject({ status: 401, retryable: false })
  })
})
