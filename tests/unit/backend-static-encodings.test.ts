/**
 * Precompressed static files through the real backend process: the build's copies (precompressDir, the code the
 * vite plugin runs) are chosen by Accept-Encoding, brotli before gzip before identity, with Vary, the right
 * Content-Type, Content-Length and per-encoding ETag, and the caching each path had before compression.
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../mock-backend/src/precompress'
import { type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const ASSET = '/assets/kiosk-Ab12Cd34.js'
const dist = mkdtempSync(join(tmpdir(), 'kiosk-dist-enc-'))
let server: SpawnedBackend

/** Text that compresses as a real bundle does, with a non-ASCII tail so byte identity covers UTF-8. */
const assetText = `${Array.from({ length: 400 }, (_, i) => `export const item${i} = { code: 'HRSS-${i}', label: '社保查询 ${i}' }`).join('\n')}\n`

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'))
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>kiosk</title>${'<p>政务服务自助终端</p>'.repeat(40)}`,
  )
  writeFileSync(
    join(dist, 'sw.js'),
    `self.addEventListener('fetch', () => {})\n${'// precache entry\n'.repeat(60)}`,
  )
  writeFileSync(join(dist, 'assets', 'kiosk-Ab12Cd34.js'), assetText)
  writeFileSync(join(dist, 'assets', 'tiny-Zz99Yy88.js'), 'x()')
  writeFileSync(join(dist, 'assets', 'photo-Qq11Ww22.png'), Buffer.alloc(2048, 7))
  writeFileSync(join(dist, 'assets', 'later-Mm33Nn44.js'), assetText)
  const written = precompressDir(dist).sort()
  // The tiny file and the PNG get no copies: one would grow, the other is not a text format.
  expect(written).toEqual([
    'assets/kiosk-Ab12Cd34.js.br',
    'assets/kiosk-Ab12Cd34.js.gz',
    'assets/later-Mm33Nn44.js.br',
    'assets/later-Mm33Nn44.js.gz',
    'index.html.br',
    'index.html.gz',
    'sw.js.br',
    'sw.js.gz',
  ])
  server = await spawnBackend({ env: { DIST_DIR: dist } })
}, 30_000)

afterAll(async () => {
  await server.stop()
  await server.cleanup()
  rmSync(dist, { recursive: true, force: true })
})

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A request with exactly the headers given: node:http adds no Accept-Encoding and decodes nothing. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

/** The body as the client sees it after undoing Content-Encoding. */
function decoded(res: RawResponse): Buffer {
  const coding = res.headers['content-encoding']
  if (coding === 'br') return brotliDecompressSync(res.body)
  if (coding === 'gzip') return gunzipSync(res.body)
  expect(coding).toBeUndefined()
  return res.body
}

const original = (rel: string) => readFileSync(join(dist, rel))

describe('precompressed static files', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
  ])(
    'Accept-Encoding %j gets %s for a hashed asset, byte-identical once decoded, cached forever',
    async (accept, coding) => {
      const res = await raw(ASSET, { 'Accept-Encoding': accept })
      expect(res.status).toBe(200)
      expect(res.headers['content-encoding']).toBe(coding)
      expect(res.headers.vary).toBe('Accept-Encoding')
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(res.headers['cache-control']).toBe(IMMUTABLE)
      expect(Number(res.headers['content-length'])).toBe(res.body.length)
      expect(res.body.length).toBeLessThan(original('assets/kiosk-Ab12Cd34.js').length / 3)
      expect(decoded(res).equals(original('assets/kiosk-Ab12Cd34.js'))).toBe(true)
    },
  )

  it.each([
    ['no Accept-Encoding header', {}],
    ['identity only', { 'Accept-Encoding': 'identity' }],
    ['every coding refused', { 'Accept-Encoding': 'br;q=0, gzip;q=0' }],
    ['a coding the build does not write', { 'Accept-Encoding': 'deflate, zstd' }],
  ])('%s gets the file itself, still with Vary and the same caching', async (_why, headers) => {
    const res = await raw(ASSET, headers)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(Number(res.headers['content-length'])).toBe(original('assets/kiosk-Ab12Cd34.js').length)
    expect(res.body.equals(original('assets/kiosk-Ab12Cd34.js'))).toBe(true)
  })

  it('compresses the HTML shell and the service worker and keeps them revalidated every time', async () => {
    for (const [path, file, type] of [
      ['/', 'index.html', 'text/html; charset=utf-8'],
      ['/services/hrss', 'index.html', 'text/html; charset=utf-8'],
      ['/sw.js', 'sw.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const res = await raw(path, { 'Accept-Encoding': 'gzip, deflate, br' })
      expect(res.headers['content-encoding'], path).toBe('br')
      expect(res.headers['cache-control'], path).toBe('no-cache')
      expect(res.headers.vary, path).toBe('Accept-Encoding')
      expect(res.headers['content-type'], path).toBe(type)
      expect(decoded(res).equals(original(file)), path).toBe(true)
    }
  })

  it('gives each encoding its own ETag, so a revalidation never mixes representations', async () => {
    const br = await raw(ASSET, { 'Accept-Encoding': 'br' })
    const gzip = await raw(ASSET, { 'Accept-Encoding': 'gzip' })
    const plain = await raw(ASSET)
    const tags = [br, gzip, plain].map((r) => r.headers.etag)
    expect(new Set(tags).size).toBe(3)
    const notModified = await raw(ASSET, { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag! })
    expect(notModified.status).toBe(304)
    expect(notModified.headers.vary).toBe('Accept-Encoding')
    expect(notModified.headers['content-encoding']).toBe('br')
    // The brotli validator from a gzip-only client is another representation: the full gzip body comes back.
    const other = await raw(ASSET, { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag! })
    expect(other.status).toBe(200)
    expect(other.headers['content-encoding']).toBe('gzip')
  })

  it('answers HEAD with the length of the body GET would send', async () => {
    const head = await raw(ASSET, { 'Accept-Encoding': 'gzip' }, 'HEAD')
    const get = await raw(ASSET, { 'Accept-Encoding': 'gzip' })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['content-encoding']).toBe('gzip')
    expect(head.headers['content-length']).toBe(String(get.body.length))
  })

  it('sends files without copies as they are: no Content-Encoding, and no Vary for formats never compressed', async () => {
    const tiny = await raw('/assets/tiny-Zz99Yy88.js', { 'Accept-Encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.headers.vary).toBe('Accept-Encoding')
    expect(tiny.body.toString()).toBe('x()')
    const png = await raw('/assets/photo-Qq11Ww22.png', { 'Accept-Encoding': 'br, gzip' })
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers.vary).toBeUndefined()
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.headers['cache-control']).toBe(IMMUTABLE)
    expect(png.body.equals(original('assets/photo-Qq11Ww22.png'))).toBe(true)
  })

  it('never sends a copy older than its file: a file replaced after the build goes out as it is', async () => {
    const rel = 'assets/later-Mm33Nn44.js'
    appendFileSync(join(dist, rel), '// patched after the build\n')
    // A second later than its copies, whatever the file system's timestamp resolution.
    const later = new Date(Date.now() + 1000)
    utimesSync(join(dist, rel), later, later)
    const res = await raw(`/${rel}`, { 'Accept-Encoding': 'br, gzip' })
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.body.toString()).toBe(`${assetText}// patched after the build\n`)
  })
})
