/**
 * One error shape for every failed request: `{error, message}` JSON, never a stack trace.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Thrown by route code; app.onError turns it into the JSON answer. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** Writes the standard error JSON. */
export function errorResponse(c: Context, err: ApiError): Response {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
  return c.json({ error: err.code, message: err.message, ...err.extra }, err.status)
}
