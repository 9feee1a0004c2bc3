/**
 * Reads and validates request input with zod, answering 400 with a message that names the field.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError } from './errors'

/** "records.0.key: Invalid UUID" — the first problem, with its path. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid input'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

/** Validates an already-parsed value or throws 400 `validation`. */
export function check<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new ApiError(400, 'validation', `${what}: ${describeIssue(parsed.error)}`)
  return parsed.data
}

/** Parses the JSON body and validates it; broken JSON → 400 `invalid_json`. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? ''
  // text/plain is accepted too: a bare fetch() with a string body sends it, and cookie routes need a CSRF header anyway.
  if (type && !/^(application\/(json|[\w.+-]+\+json)|text\/plain)\b/i.test(type)) {
    throw new ApiError(415, 'content_type', 'body must be JSON (Content-Type: application/json)')
  }
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'body is not valid JSON')
  }
  return check(schema, value)
}

/** Validates the query string. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return check(schema, c.req.query(), 'query')
}
