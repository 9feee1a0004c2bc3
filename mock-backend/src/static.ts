/**
 * Serves the built pages from DIST_DIR with the right caching: the HTML shell, service worker and
 * manifest are revalidated every time; hashed assets are cached forever. Text files go out as the build's
 * brotli or gzip copy when the client accepts one (staticEncodings.ts), with `Vary: Accept-Encoding`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { extname, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import type { Context } from 'hono'
import { acceptedCodings, type Coding, isCompressible, suffixOf } from './staticEncodings'

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

/**
 * The pages besides the resident terminal, each its own shell: the admin console, the ops dashboard, the
 * mobile case page (扫码续办) and the helpers' console (帮办坐席, /help/).
 */
const STAFF_AND_PHONE_PAGES = ['/admin/', '/ops/', '/m/', '/help/'] as const

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

/** The file's size and modification time, or null when there is no such file. */
function fileStat(path: string): { size: number; mtimeMs: number } | null {
  try {
    const stat = statSync(path)
    return stat.isFile() ? stat : null
  } catch {
    return null
  }
}

/**
 * The build's precompressed copy of a file that the client accepts, best coding first, or null for the file
 * itself. A copy older than its file is stale (the file was replaced after the build) and is never sent.
 */
function encodedCopy(
  c: Context,
  file: string,
  fileMtimeMs: number,
): { coding: Coding; path: string; size: number } | null {
  if (!isCompressible(file)) return null
  for (const coding of acceptedCodings(c.req.header('accept-encoding'))) {
    const path = `${file}${suffixOf(coding)}`
    const stat = fileStat(path)
    if (stat && stat.mtimeMs >= fileMtimeMs) return { coding, path, size: stat.size }
  }
  return null
}

function sendFile(c: Context, file: string, urlPath: string): Response {
  const stat = statSync(file)
  const copy = encodedCopy(c, file, stat.mtimeMs)
  // Each representation has its own validator, so a cache never revalidates a gzip body against a brotli one.
  const tag = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`
  const etag = copy ? `"${tag}-${copy.coding}"` : `"${tag}"`
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControlFor(urlPath),
    ETag: etag,
  }
  if (isCompressible(file)) headers.Vary = 'Accept-Encoding'
  if (copy) headers['Content-Encoding'] = copy.coding
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
  const sent = copy?.path ?? file
  headers['Content-Length'] = String(copy?.size ?? stat.size)
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  const body = Readable.toWeb(createReadStream(sent)) as unknown as ReadableStream
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
    if (STAFF_AND_PHONE_PAGES.some((page) => path === page.slice(0, -1))) return c.redirect(`${path}/`, 301)
    const target = resolveInside(root, path.endsWith('/') ? `${path}index.html` : path)
    if (!target) return c.json({ error: 'bad_path', message: 'path leaves the site root' }, 400)
    if (fileStat(target)) return sendFile(c, target, path)
    if (extname(path) !== '' && !path.endsWith('.html')) {
      return c.text('Not found', 404)
    }
    const page = `${STAFF_AND_PHONE_PAGES.find((prefix) => path.startsWith(prefix)) ?? '/'}index.html`
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
