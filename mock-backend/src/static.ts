/**
 * Serves the built pages from DIST_DIR with the right caching: the HTML shell, service worker and
 * manifest are revalidated every time; hashed assets are cached forever.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import type { Context } from 'hono'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
}

/** Cache-Control for a path under DIST_DIR. */
export function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable'
  return 'no-cache'
}

/** The file a URL path maps to, or null when it would leave DIST_DIR (path traversal). */
export function resolveInside(distDir: string, urlPath: string): string | null {
  if (urlPath.includes('\0') || urlPath.includes('\\')) return null
  const target = resolve(distDir, `.${urlPath}`)
  return target === distDir || target.startsWith(distDir + sep) ? target : null
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function sendFile(c: Context, file: string, urlPath: string): Response {
  const stat = statSync(file)
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControlFor(urlPath),
    ETag: etag,
  }
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
  headers['Content-Length'] = String(stat.size)
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream
  return c.body(body, 200, headers)
}

/** GET/HEAD handler for every non-/api path. */
export function serveDist(distDir: string) {
  const root = resolve(distDir)
  return (c: Context): Response => {
    const raw = c.req.path
    let path: string
    try {
      path = decodeURIComponent(raw)
    } catch {
      return c.json({ error: 'bad_path', message: 'path is not valid percent-encoding' }, 400)
    }
    if (path === '/admin' || path === '/ops') return c.redirect(`${path}/`, 301)
    const target = resolveInside(root, path.endsWith('/') ? `${path}index.html` : path)
    if (!target) return c.json({ error: 'bad_path', message: 'path leaves the site root' }, 400)
    if (isFile(target)) return sendFile(c, target, path)
    if (extname(path) !== '' && !path.endsWith('.html')) {
      return c.text('Not found', 404)
    }
    const page = path.startsWith('/admin/')
      ? '/admin/index.html'
      : path.startsWith('/ops/')
        ? '/ops/index.html'
        : '/index.html'
    const shell = resolve(root, `.${page}`)
    if (!existsSync(shell)) {
      return c.text(
        `页面尚未构建：请先运行 npm run build（或 npm start）。\nThe pages are not built: run \`npm run build\` (DIST_DIR=${root}).\n`,
        503,
      )
    }
    return sendFile(c, shell, page)
  }
}
