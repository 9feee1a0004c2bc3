/**
 * The page behind the QR code of a document printed before 扫码续办: the same title and lines, as plain escaped
 * HTML, public but only with the access key from the printed link. New documents carry the one link scheme of
 * handoff/caseLinks.ts (the mobile case page); this route stays so paper already handed out still verifies.
 */
import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { DepartmentResult } from '../contract'
import { documentAccessKey } from '../departments/answer'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )

const sameKey = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** GET /api/documents/:reference?k=… */
export function documentRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/:reference', async (c) => {
    const reference = c.req.param('reference')
    const key = c.req.query('k') ?? ''
    const notFound = new ApiError(404, 'not_found', 'no document with this reference and key')
    if (!/^[A-Z]{2}\d{13}$/.test(reference) || !/^[A-Za-z0-9_-]{22}$/.test(key)) throw notFound
    const match = (await deps.store.transactionsByReference(reference)).find((t) =>
      sameKey(documentAccessKey(t.key), key),
    )
    const result = match
      ? (JSON.parse(deps.fingerprints.open(match.resultJson)) as DepartmentResult)
      : undefined
    if (!result?.document) throw notFound
    const { title, lines } = result.document
    const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')
    c.header('Cache-Control', 'no-store')
    return c.html(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>`,
    )
  })
  return app
}
