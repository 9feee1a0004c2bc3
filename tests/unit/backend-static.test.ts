import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'

let server: SpawnedBackend
const dist = mkdtempSync(join(tmpdir(), 'kiosk-dist-'))

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'))
  mkdirSync(join(dist, 'admin'))
  mkdirSync(join(dist, 'ops'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(dist, 'admin', 'index.html'), '<!doctype html><title>admin</title>')
  writeFileSync(join(dist, 'ops', 'index.html'), '<!doctype html><title>ops</title>')
  for (const page of ['m', 'help']) {
    mkdirSync(join(dist, page))
    writeFileSync(join(dist, page, 'index.html'), `<!doctype html><title>${page}</title>`)
  }
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"kiosk"}')
  writeFileSync(join(dist, 'assets', 'kiosk-Ab12Cd34.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'secret-outside.txt'), 'secret')
  server = await spawnBackend({ env: { DIST_DIR: dist } })
}, 30_000)

afterAll(async () => {
  await server.stop()
  server.cleanup()
  rmSync(dist, { recursive: true, force: true })
})

/** Raw GET so path tricks reach the server unnormalised. */
function raw(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(server.url)
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = ''
        res.on('data', (d) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      .on('error', reject)
  })
}

describe('static pages', () => {
  it('serves the mobile case page (/m/) and the helpers console (/help/) as pages of their own', async () => {
    for (const [path, title] of [
      ['/m/', 'm'],
      ['/m/c/anything', 'm'],
      ['/help/', 'help'],
      ['/help/queue', 'help'],
      ['/mine', 'kiosk'],
    ] as const) {
      const res = await raw(path)
      expect(res.status, path).toBe(200)
      expect(res.body, path).toContain(`<title>${title}</title>`)
    }
    for (const path of ['/m', '/help']) {
      const res = await raw(path)
      expect(res.status, path).toBe(301)
      expect(res.headers.location, path).toBe(`${path}/`)
    }
  })

  it('revalidates the shell, service worker and manifest; caches hashed assets forever', async () => {
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/admin/']) {
      const res = await raw(path)
      expect(res.status, path).toBe(200)
      expect(res.headers['cache-control'], path).toBe('no-cache')
    }
    const asset = await raw('/assets/kiosk-Ab12Cd34.js')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-type']).toContain('text/javascript')
    const page = await raw('/')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it('falls back to the right index.html for client routes, never for /api or missing assets', async () => {
    expect((await raw('/services/hrss')).body).toContain('<title>kiosk</title>')
    expect((await raw('/admin/catalog')).body).toContain('<title>admin</title>')
    expect((await raw('/ops/fleet')).body).toContain('<title>ops</title>')
    expect((await raw('/ops')).status).toBe(301)
    expect((await raw('/api/does-not-exist')).status).toBe(404)
    expect((await raw('/assets/missing-123.js')).status).toBe(404)
  })

  it('refuses path traversal', async () => {
    for (const path of [
      '/../secret-outside.txt',
      '/%2e%2e/secret-outside.txt',
      '/assets/..%2f..%2fsecret-outside.txt',
      '/..%5csecret-outside.txt',
    ]) {
      const res = await raw(path)
      expect(res.body, path).not.toContain('secret')
      expect(res.status, path).toBeLessThan(500)
    }
  })
})
